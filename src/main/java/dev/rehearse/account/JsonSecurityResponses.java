package dev.rehearse.account;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.system.UserLanguage;

import org.springframework.context.MessageSource;
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

	private final MessageSource messages;

	JsonSecurityResponses(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof ThrottledAuthenticationManager.LoginThrottledException throttled) {
			return throttled(exchange, throttled);
		}
		String detail = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				? "security.credentials-wrong" : "security.sign-in-first";
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Rehearse\"");
		}
		return problem(exchange, HttpStatus.UNAUTHORIZED, detail);
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
		return problem(webFilterExchange.getExchange(), HttpStatus.UNAUTHORIZED, "security.credentials-wrong");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		String detail = (denied instanceof CsrfException) ? "security.csrf" : "security.forbidden";
		return problem(exchange, HttpStatus.FORBIDDEN, detail);
	}

	private Mono<Void> throttled(ServerWebExchange exchange,
			ThrottledAuthenticationManager.LoginThrottledException throttled) {
		long seconds = throttled.retryAfterSeconds();
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return problem(exchange, HttpStatus.TOO_MANY_REQUESTS, "security.throttled", seconds);
	}

	/** A ProblemDetail worded in the caller's language ({@code Accept-Language}), like every other error. */
	private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detailCode, Object... arguments) {
		Locale locale = UserLanguage.ofRequest(exchange);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", this.messages.getMessage("error.title." + status.value(), null, status.getReasonPhrase(),
				locale));
		body.put("status", status.value());
		body.put("detail", this.messages.getMessage(detailCode, arguments, locale));
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
