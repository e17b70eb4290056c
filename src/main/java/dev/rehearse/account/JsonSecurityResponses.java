package dev.rehearse.account;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The security layer's answers as JSON, for a browser's {@code fetch} and for scripts alike: 200
 * {@code {username}} after a login, 401/403 as ProblemDetails, 429 with {@code Retry-After} while
 * sign-ins are throttled. A 401 names the Basic scheme only to
 * a client that sent an {@code Authorization} header itself, so a browser never shows its own
 * login prompt.
 */
class JsonSecurityResponses implements ServerAuthenticationEntryPoint, ServerAuthenticationSuccessHandler,
		ServerAuthenticationFailureHandler, ServerAccessDeniedHandler {

	private final JsonMapper json;

	JsonSecurityResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof ThrottledAuthenticationManager.LoginThrottledException throttled) {
			return throttled(exchange, throttled);
		}
		String detail = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				? "The username or password is wrong." : "Sign in first (session cookie or HTTP Basic).";
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Rehearse\"");
		}
		return problem(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
		ServerHttpResponse response = webFilterExchange.getExchange().getResponse();
		response.setStatusCode(HttpStatus.OK);
		return write(response, MediaType.APPLICATION_JSON, Map.of("username", authentication.getName()));
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException ex) {
		if (ex instanceof ThrottledAuthenticationManager.LoginThrottledException throttled) {
			return throttled(webFilterExchange.getExchange(), throttled);
		}
		return problem(webFilterExchange.getExchange(), HttpStatus.UNAUTHORIZED, "Unauthorized",
				"The username or password is wrong.");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		String detail = (denied instanceof CsrfException)
				? "Missing or wrong CSRF token: send the token of GET /api/auth/csrf (it belongs to this session) "
						+ "as the X-XSRF-TOKEN header, or use HTTP Basic."
				: "You may not do this.";
		return problem(exchange, HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	private Mono<Void> throttled(ServerWebExchange exchange,
			ThrottledAuthenticationManager.LoginThrottledException throttled) {
		long seconds = throttled.retryAfterSeconds();
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return problem(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
				"Too many failed sign-ins for this account or from this address. Try again in " + seconds
						+ " seconds.");
	}

	private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		return write(response, MediaType.APPLICATION_PROBLEM_JSON, body);
	}

	private Mono<Void> write(ServerHttpResponse response, MediaType type, Object body) {
		response.getHeaders().setContentType(type);
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

}
