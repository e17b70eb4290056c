package dev.rehearse.account;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Registration, the CSRF token for the browser, and who am I. Login and logout are Spring
 * Security's own filters (see {@link SecurityConfiguration}).
 */
@RestController
@Tag(name = "Accounts")
class AccountController {

	private final Registration registration;

	AccountController(Registration registration) {
		this.registration = registration;
	}

	@PostMapping("/api/auth/register")
	@Operation(summary = "Register an account", description = "201 with the username; 409 if taken or reserved "
			+ "for an admin; 400 with errors [{field, message}] for a malformed username or a weak password, in "
			+ "English or Chinese by Accept-Language; 429 with Retry-After past the registrations allowed per "
			+ "client address. Needs no CSRF token.")
	Mono<ResponseEntity<Map<String, String>>> register(@RequestBody RegistrationRequest request,
			ServerWebExchange exchange) {
		return this.registration
			.register(request.username(), request.password(), language(exchange),
					ThrottledAuthenticationManager.clientAddress(exchange))
			.map((user) -> ResponseEntity.created(URI.create("/api/me"))
				.body(Map.of("username", user.getUsername())));
	}

	@GetMapping("/api/auth/csrf")
	@Operation(summary = "The CSRF token", description = "The token of this session (a new one is masked "
			+ "differently each time); send it as X-XSRF-TOKEN on every POST and DELETE that is not signed in "
			+ "with HTTP Basic. Signing out ends the session and its token.")
	Mono<Map<String, String>> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token.map((t) -> Map.of("headerName", t.getHeaderName(), "token", t.getToken()))
				: Mono.empty();
	}

	@GetMapping("/api/me")
	@Operation(summary = "Who is signed in")
	Mono<Map<String, Object>> me(@AuthenticationPrincipal AccountUser user) {
		return Mono.just(Map.of("username", user.getUsername(), "admin", user.admin()));
	}

	/** English or Chinese, as the request's Accept-Language prefers. */
	private static Locale language(ServerWebExchange exchange) {
		Locale requested = exchange.getLocaleContext().getLocale();
		return (requested != null && "zh".equals(requested.getLanguage())) ? Locale.CHINESE : Locale.ENGLISH;
	}

	/**
	 * A registration.
	 *
	 * @param username 3–32 characters of {@code [A-Za-z0-9_.-]}
	 * @param password at least 8 characters, hard to guess
	 */
	record RegistrationRequest(String username, String password) {
	}

}
