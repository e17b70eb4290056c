package dev.rehearse.account;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfServerLogoutHandler;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may call what. The browser signs in with a form post and then carries a session cookie
 * (sessions live in PostgreSQL, see {@link SessionConfiguration}) and a CSRF token bound to that
 * session (from {@code GET /api/auth/csrf}, sent as {@code X-XSRF-TOKEN}); scripts send HTTP
 * Basic on every request, which creates no session and needs no CSRF token. Both sign-in paths
 * are throttled ({@link ThrottledAuthenticationManager}). Every answer of the security layer is
 * JSON.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] PUBLIC = { "/", "/index.html", "/*.html", "/*.js", "/*.css", "/*.png", "/*.svg",
			"/*.ico", "/*.webmanifest", "/css/**", "/js/**", "/webjars/**", "/icons/**", "/favicon.ico",
			"/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**", "/api/auth/csrf", "/error",
			// Served on the management port only (loopback by default, docs/observability.md), for Prometheus
			// and probes; the public port answers these with 404.
			"/actuator/health", "/actuator/health/**", "/actuator/prometheus" };

	/** Set on the exchange when HTTP Basic signed the request in: the only case that needs no CSRF token. */
	static final String BASIC_AUTHENTICATED = SecurityConfiguration.class.getName() + ".BASIC_AUTHENTICATED";

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt today, and stored hashes name their algorithm so a stronger one can take over
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ThrottledAuthenticationManager authenticationManager(LoginThrottle throttle, AccountUserDetailsService users,
			PasswordEncoder passwordEncoder) {
		return new ThrottledAuthenticationManager(throttle, users, users, passwordEncoder);
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, JsonMapper json,
			ThrottledAuthenticationManager authenticationManager, MessageSource messages) {
		JsonSecurityResponses responses = new JsonSecurityResponses(json, messages);
		WebSessionServerCsrfTokenRepository csrfTokens = new WebSessionServerCsrfTokenRepository();
		csrfTokens.setHeaderName("X-XSRF-TOKEN");
		return http.securityContextRepository(new WebSessionServerSecurityContextRepository())
			.authenticationManager(authenticationManager)
			// the throttle reads the client address from the exchange in the Reactor context
			.addFilterAt(new ServerWebExchangeContextFilter(), SecurityWebFiltersOrder.FIRST)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(PUBLIC)
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login")
				.permitAll()
				.pathMatchers("/api/admin/**", "/actuator/**")
				.hasRole("ADMIN")
				.anyExchange()
				.authenticated())
			// scripts authenticate every request: no session is created for them
			.httpBasic((basic) -> basic.authenticationEntryPoint(responses)
				.securityContextRepository(new BasicAuthenticatedMarker()))
			.formLogin((form) -> form.loginPage("/api/auth/login")
				.authenticationSuccessHandler(responses)
				.authenticationFailureHandler(responses)
				.authenticationEntryPoint(responses))
			.logout((logout) -> logout.logoutUrl("/api/auth/logout")
				.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
						new CsrfServerLogoutHandler(csrfTokens), new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
			// Spring Security checks CSRF before HTTP Basic has run; ours runs after it, so that it knows
			// whether Basic (and not just any Authorization header) signed the request in.
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.addFilterAfter(csrfFilter(csrfTokens, responses), SecurityWebFiltersOrder.HTTP_BASIC)
			.headers((headers) -> SecurityHeaders.configure(headers))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(responses)
				.accessDeniedHandler(responses))
			.build();
	}

	private static CsrfWebFilter csrfFilter(WebSessionServerCsrfTokenRepository tokens, JsonSecurityResponses responses) {
		CsrfWebFilter filter = new CsrfWebFilter();
		filter.setCsrfTokenRepository(tokens);
		// BREACH: the token is sent masked with fresh random bytes each time it is handed out
		filter.setRequestHandler(new XorServerCsrfTokenRequestAttributeHandler());
		filter.setRequireCsrfProtectionMatcher(csrfProtected());
		filter.setAccessDeniedHandler(responses);
		return filter;
	}

	/**
	 * State-changing requests, except those HTTP Basic signed in (a browser never adds Basic
	 * credentials here: we never ask it to) and registering (which signs nobody in). Any other
	 * {@code Authorization} header changes nothing: the session cookie still needs its token.
	 */
	private static ServerWebExchangeMatcher csrfProtected() {
		ServerWebExchangeMatcher register = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				"/api/auth/register");
		return (exchange) -> CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange)
			.filter(ServerWebExchangeMatcher.MatchResult::isMatch)
			.filter((match) -> !Boolean.TRUE.equals(exchange.getAttribute(BASIC_AUTHENTICATED)))
			.flatMap((match) -> register.matches(exchange))
			.flatMap((result) -> result.isMatch() ? ServerWebExchangeMatcher.MatchResult.notMatch()
					: ServerWebExchangeMatcher.MatchResult.match())
			.switchIfEmpty(ServerWebExchangeMatcher.MatchResult.notMatch());
	}

	/** Keeps HTTP Basic sign-ins out of the session, and marks the exchange as signed in by Basic. */
	private static final class BasicAuthenticatedMarker implements ServerSecurityContextRepository {

		@Override
		public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
			exchange.getAttributes().put(BASIC_AUTHENTICATED, Boolean.TRUE);
			return Mono.empty();
		}

		@Override
		public Mono<SecurityContext> load(ServerWebExchange exchange) {
			return Mono.empty();
		}

	}

}
