package dev.rehearse.account;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Who may call what. The browser signs in with a form post and then carries a session cookie
 * (sessions live in PostgreSQL, see {@link SessionConfiguration}) and a CSRF token (cookie
 * {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}); scripts send HTTP Basic on every request,
 * which creates no session and needs no CSRF token. Every answer of the security layer is JSON.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] PUBLIC = { "/", "/index.html", "/*.html", "/*.js", "/*.css", "/*.png", "/*.svg",
			"/*.ico", "/*.webmanifest", "/css/**", "/js/**", "/webjars/**", "/icons/**", "/favicon.ico",
			"/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**", "/api/auth/csrf", "/error" };

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt today, and stored hashes name their algorithm so a stronger one can take over
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, JsonMapper json) {
		JsonSecurityResponses responses = new JsonSecurityResponses(json);
		CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		return http.securityContextRepository(new WebSessionServerSecurityContextRepository())
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
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
			.formLogin((form) -> form.loginPage("/api/auth/login")
				.authenticationSuccessHandler(responses)
				.authenticationFailureHandler(responses)
				.authenticationEntryPoint(responses))
			.logout((logout) -> logout.logoutUrl("/api/auth/logout")
				.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
						new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				// the token is read from the cookie by the page's script, so it is sent as is (no masking)
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(csrfProtected())
				.accessDeniedHandler(responses))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(responses)
				.accessDeniedHandler(responses))
			.build();
	}

	/**
	 * State-changing requests from a browser. A request with its own {@code Authorization} header
	 * cannot be forged by another site (a browser never adds one here: we never ask it to), and
	 * registering does not sign anyone in.
	 */
	private static ServerWebExchangeMatcher csrfProtected() {
		ServerWebExchangeMatcher register = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				"/api/auth/register");
		return (exchange) -> CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange)
			.filter(ServerWebExchangeMatcher.MatchResult::isMatch)
			.filter((match) -> !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))
			.flatMap((match) -> register.matches(exchange))
			.flatMap((result) -> result.isMatch() ? ServerWebExchangeMatcher.MatchResult.notMatch()
					: ServerWebExchangeMatcher.MatchResult.match())
			.switchIfEmpty(ServerWebExchangeMatcher.MatchResult.notMatch());
	}

}
