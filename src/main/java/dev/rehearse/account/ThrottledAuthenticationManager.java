package dev.rehearse.account;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Checks a username and password for both sign-in paths (form and HTTP Basic) behind the
 * {@link LoginThrottle}: a locked account or client address is refused before its password is
 * looked at, and every wrong password is counted. An unknown username costs the same as a known
 * one: its password is checked against a hash of a random secret, so the answer's timing does not
 * tell who has an account.
 */
class ThrottledAuthenticationManager implements ReactiveAuthenticationManager {

	private final LoginThrottle throttle;

	private final ReactiveAuthenticationManager passwords;

	ThrottledAuthenticationManager(LoginThrottle throttle, ReactiveUserDetailsService users,
			ReactiveUserDetailsPasswordService passwordUpgrades, PasswordEncoder encoder) {
		this.throttle = throttle;
		// encoded once: the same algorithm and cost as a real account's hash
		UserDetails nobody = User.withUsername("no such user").password(encoder.encode(randomSecret())).build();
		ReactiveUserDetailsService anyone = (username) -> users.findByUsername(username).defaultIfEmpty(nobody);
		UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
				anyone);
		manager.setPasswordEncoder(encoder);
		if (passwordUpgrades != null) {
			manager.setUserDetailsPasswordService(passwordUpgrades);
		}
		this.passwords = manager;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String username = authentication.getName();
		return Mono.deferContextual((context) -> Mono.just(clientAddress(
				ServerWebExchangeContextFilter.getExchange(context).orElse(null))))
			.flatMap((address) -> this.throttle.state(username, address).flatMap((state) -> {
				if (!state.lockedFor().isZero()) {
					return Mono.error(new LoginThrottledException(state.lockedFor()));
				}
				return this.passwords.authenticate(authentication)
					.onErrorResume(BadCredentialsException.class,
							(ex) -> this.throttle.failed(username, address).then(Mono.error(ex)))
					// HTTP Basic signs in on every request: write only when there is something to clear
					.flatMap((signedIn) -> state.accountFailures()
							? this.throttle.succeeded(username).thenReturn(signedIn) : Mono.just(signedIn));
			}));
	}

	/**
	 * The address the request came from as the server resolved it: the peer, or the client named by
	 * forwarded headers only when {@code server.forward-headers-strategy} trusts them.
	 */
	static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = (exchange != null) ? exchange.getRequest().getRemoteAddress() : null;
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	private static String randomSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/** Sign-ins are refused for a while after too many failures. */
	static class LoginThrottledException extends AuthenticationException {

		private final Duration retryAfter;

		LoginThrottledException(Duration retryAfter) {
			super("Too many failed sign-ins");
			this.retryAfter = retryAfter;
		}

		/** Whole seconds until sign-ins are accepted again (at least one). */
		long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

	}

}
