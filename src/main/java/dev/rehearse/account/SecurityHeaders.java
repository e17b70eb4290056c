package dev.rehearse.account;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerWebExchangeDelegatingServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Response headers that limit what a page may do even if something slipped into it: a
 * Content-Security-Policy (a strict one for the web chat and the API, a looser one for Swagger UI,
 * which styles itself inline), and a Permissions-Policy that lets only our own pages use the
 * microphone and turns the other powerful features off. Spring Security's defaults (nosniff,
 * frame options, HSTS over HTTPS, no caching of API answers) stay on.
 */
final class SecurityHeaders {

	/** The web chat: nothing inline, nothing from another host; never framed. */
	static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	/** Swagger UI sets style attributes and shows data: images (its logo, icons); its scripts are files. */
	static final String SWAGGER_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	/** Features Chromium knows (an unknown one only earns a console warning). */
	static final String PERMISSIONS_POLICY = "microphone=(self), camera=(), geolocation=(), payment=(), usb=(), "
			+ "serial=(), hid=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()";

	private static final ServerWebExchangeMatcher SWAGGER_UI = ServerWebExchangeMatchers.pathMatchers("/swagger-ui.html",
			"/swagger-ui/**", "/webjars/swagger-ui/**");

	private SecurityHeaders() {
	}

	static void configure(ServerHttpSecurity.HeaderSpec headers) {
		headers.writer(new ServerWebExchangeDelegatingServerHttpHeadersWriter(
				new NegatedServerWebExchangeMatcher(SWAGGER_UI), policy(APP_POLICY)))
			.writer(new ServerWebExchangeDelegatingServerHttpHeadersWriter(SWAGGER_UI, policy(SWAGGER_POLICY)))
			.permissionsPolicy((permissions) -> permissions.policy(PERMISSIONS_POLICY));
	}

	private static ContentSecurityPolicyServerHttpHeadersWriter policy(String directives) {
		ContentSecurityPolicyServerHttpHeadersWriter writer = new ContentSecurityPolicyServerHttpHeadersWriter();
		writer.setPolicyDirectives(directives);
		return writer;
	}

}
