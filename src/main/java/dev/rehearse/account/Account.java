package dev.rehearse.account;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A registered user.
 *
 * @param id database id
 * @param username as registered (unique whatever its case)
 * @param passwordHash the encoder's hash, with its {@code {id}} prefix
 * @param createdAt when the account was registered
 */
@Table("app_user")
record Account(@Id Long id, String username, String passwordHash, Instant createdAt) {
}
