package dev.rehearse.account;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Looks users up in PostgreSQL for both login paths (form and HTTP Basic), granting
 * {@code ROLE_ADMIN} to the usernames configured as admins, and stores re-hashed passwords when
 * the encoder's preferred algorithm changes.
 */
@Component
class AccountUserDetailsService implements ReactiveUserDetailsService, ReactiveUserDetailsPasswordService {

	private final AccountRepository accounts;

	private final AccountProperties properties;

	AccountUserDetailsService(AccountRepository accounts, AccountProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return this.accounts.findByUsername(username).map(this::toUser);
	}

	@Override
	public Mono<UserDetails> updatePassword(UserDetails user, String newPassword) {
		AccountUser account = (AccountUser) user;
		return this.accounts.updatePassword(account.id(), newPassword)
			.thenReturn(new AccountUser(account.id(), account.getUsername(), newPassword, account.getAuthorities()));
	}

	AccountUser toUser(Account account) {
		List<SimpleGrantedAuthority> authorities = this.properties.isAdmin(account.username())
				? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
		return new AccountUser(account.id(), account.username(), account.passwordHash(), authorities);
	}

}
