package dev.rehearse.account;

import java.io.Serial;
import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in user as the other features see it ({@code @AuthenticationPrincipal AccountUser}):
 * Spring Security's user plus the account's database id, which owns interviews.
 */
public class AccountUser extends User {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long id;

	AccountUser(long id, String username, String password, Collection<? extends GrantedAuthority> authorities) {
		super(username, password, authorities);
		this.id = id;
	}

	/** The account's database id. */
	public long id() {
		return this.id;
	}

	/** Whether this user may use the admin API. */
	public boolean admin() {
		return getAuthorities().stream().anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
	}

}
