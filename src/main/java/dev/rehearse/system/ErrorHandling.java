package dev.rehearse.system;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every error of the API as an RFC 9457 problem with the right status, in the caller's language
 * ({@link UserLanguage}): Spring's own exceptions through {@link ResponseEntityExceptionHandler},
 * {@link ApiProblem}s and other {@code ErrorResponseException}s as they are, a body that cannot be
 * read as a 400 naming the field, and anything unexpected as a 500 that names no internals (the
 * details go to the log).
 */
@RestControllerAdvice
class ErrorHandling extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandling.class);

	/** PostgreSQL's "character not in repertoire" and "untranslatable character". */
	private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

	private final DataSize maxBodySize;

	ErrorHandling(@Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

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

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ApiProblem problem = unreadable(ex);
		if (problem == null) {
			return super.handleServerWebInputException(ex, headers, status, exchange);
		}
		logger.warn("Refused {} {} with {}: {}", exchange.getRequest().getMethod(),
				RequestGuard.printable(exchange.getRequest().getPath().value()), problem.getStatusCode().value(),
				RequestGuard.printable(problem.errors().isEmpty() ? problem.getDetailMessageCode()
						: problem.errors().get(0).field()));
		return handleExceptionInternal(problem, null, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	/** A request body or parameter that could not be read, as a problem naming the field. */
	private ApiProblem unreadable(ServerWebInputException ex) {
		if (causedBy(ex, DataBufferLimitException.class) != null) {
			return tooLarge();
		}
		JacksonException json = causedBy(ex, JacksonException.class);
		if (json != null) {
			String field = field(json.getPath());
			if (json instanceof StrictJsonConfiguration.ForbiddenCharacterException
					|| (json instanceof StreamReadException && String.valueOf(json.getOriginalMessage()).contains("UTF"))) {
				return ApiProblem.invalid(field, "validation.forbidden-character");
			}
			if (json instanceof MismatchedInputException mismatch) {
				return ApiProblem.invalid(field, typeCode(mismatch.getTargetType()));
			}
			return ApiProblem.invalid(field, "validation.json");
		}
		TypeMismatchException mismatch = causedBy(ex, TypeMismatchException.class);
		if (mismatch != null) {
			String name = (ex.getMethodParameter() != null) ? ex.getMethodParameter().getParameterName() : null;
			return ApiProblem.invalid((name != null) ? name : String.valueOf(mismatch.getPropertyName()),
					typeCode(mismatch.getRequiredType()));
		}
		if (ex.getCause() == null && ex.getMethodParameter() != null
				&& ex.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
			return ApiProblem.invalid("body", "validation.required");
		}
		return null;
	}

	private ApiProblem tooLarge() {
		return ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "error.body.too-large", this.maxBodySize.toKilobytes());
	}

	/** {@code categories[1]}, {@code questionCount}; {@code body} for the body as a whole. */
	private static String field(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? "body" : field.toString();
	}

	private static String typeCode(Class<?> type) {
		if (type == null) {
			return "validation.type";
		}
		if (Set.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class).contains(type)) {
			return "validation.type.integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "validation.type.number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "validation.type.boolean";
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return "validation.type.text";
		}
		if (type == UUID.class) {
			return "validation.type.uuid";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "validation.type.list";
		}
		return "validation.type.object";
	}

	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<Object>> bodyTooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
		ApiProblem problem = tooLarge();
		return handleExceptionInternal(problem, null, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
		R2dbcException database = causedBy(ex, R2dbcException.class);
		if (database != null && UNSTORABLE_TEXT.contains(database.getSqlState())) {
			// text that got past the checks at the door: still the client's mistake, and one line is enough
			logger.warn("Refused {} {}: PostgreSQL cannot store the text ({})", exchange.getRequest().getMethod(),
					RequestGuard.printable(exchange.getRequest().getPath().value()), database.getSqlState());
			ApiProblem problem = ApiProblem.invalid("body", "validation.forbidden-character");
			return handleExceptionInternal(problem, null, problem.getHeaders(), problem.getStatusCode(), exchange);
		}
		logger.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
				RequestGuard.printable(exchange.getRequest().getPath().value()), ex);
		ApiProblem problem = ApiProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected");
		return handleExceptionInternal(problem, null, problem.getHeaders(), problem.getStatusCode(), exchange);
	}

	private static <T extends Throwable> T causedBy(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
