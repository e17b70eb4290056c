package dev.rehearse.system;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes an {@link ApiProblem} straight to the response, in the caller's language, for the web
 * filters that answer before any controller (and its {@code @RestControllerAdvice}) is reached.
 */
@Component
class ProblemResponses {

	private final MessageSource messages;

	private final JsonMapper json;

	ProblemResponses(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	Mono<Void> write(ServerWebExchange exchange, ApiProblem problem) {
		Locale locale = exchange.getLocaleContext().getLocale();
		ProblemDetail detail = problem.updateAndGetBody(this.messages, (locale != null) ? locale : Locale.ENGLISH);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(detail.getType()));
		body.put("title", detail.getTitle());
		body.put("status", detail.getStatus());
		body.put("detail", detail.getDetail());
		body.put("instance", exchange.getRequest().getPath().value());
		if (detail.getProperties() != null) {
			body.putAll(detail.getProperties());
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(problem.getStatusCode());
		response.getHeaders().putAll(problem.getHeaders());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

}
