package dev.rehearse.system;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every error of the API as an RFC 9457 problem with the right status: Spring's own exceptions
 * through {@link ResponseEntityExceptionHandler}, features' {@code ResponseStatusException}s and
 * {@code ErrorResponseException}s as they are, and anything unexpected as a 500 that names no
 * internals (the details go to the log).
 */
@RestControllerAdvice
class ErrorHandling extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandling.class);

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ex.getBody();
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setDetail(errors.isEmpty() ? "The request is not valid."
				: errors.stream().map((e) -> e.get("field") + ": " + e.get("message")).reduce((a, b) -> a + "; " + b).get());
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex, ServerWebExchange exchange) {
		logger.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
				ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. Please try again.");
	}

}
