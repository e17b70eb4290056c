package dev.rehearse.examiner;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.client.RestClientResponseException;

/**
 * What a model failure means for a retry: whether trying again may help (connection failures,
 * timeouts, 408, 409, 429 and 5xx; not 400/401/403/404/422, which fail the same way again), and
 * how long the server asked us to wait ({@code Retry-After}). Knows the OpenAI SDK's exceptions
 * and Spring's HTTP client exceptions (Ollama), anywhere in the cause chain.
 */
final class ModelFailures {

	private ModelFailures() {
	}

	static boolean transientFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedVerdictException || cause instanceof TimeoutException
					|| cause instanceof OpenAIIoException || cause instanceof IOException
					|| cause instanceof WebClientRequestException || cause instanceof TransientAiException) {
				return true;
			}
			if (cause instanceof NonTransientAiException) {
				return false;
			}
			Optional<Integer> status = status(cause);
			if (status.isPresent()) {
				int code = status.get();
				return code == 408 || code == 409 || code == 429 || code >= 500;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/** The wait the server asked for, when it sent a {@code Retry-After} (seconds or an HTTP date). */
	static Optional<Duration> retryAfter(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			List<String> values = List.of();
			if (cause instanceof OpenAIServiceException service) {
				values = service.headers().values("Retry-After");
			}
			else if (cause instanceof WebClientResponseException response) {
				values = response.getHeaders().getOrEmpty("Retry-After");
			}
			else if (cause instanceof RestClientResponseException response && response.getResponseHeaders() != null) {
				values = response.getResponseHeaders().getOrEmpty("Retry-After");
			}
			if (!values.isEmpty()) {
				return parseRetryAfter(values.get(0));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	static Optional<Duration> parseRetryAfter(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000))));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	private static Optional<Integer> status(Throwable cause) {
		if (cause instanceof OpenAIServiceException service) {
			return Optional.of(service.statusCode());
		}
		if (cause instanceof WebClientResponseException response) {
			return Optional.of(response.getStatusCode().value());
		}
		if (cause instanceof RestClientResponseException response) {
			return Optional.of(response.getStatusCode().value());
		}
		return Optional.empty();
	}

	/**
	 * Why a call failed, as a short code for the candidate's screen: {@code timeout},
	 * {@code rate-limited}, {@code server-error}, {@code malformed} or {@code connection}.
	 */
	static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Optional<Integer> status = status(cause);
			if (status.isPresent()) {
				int code = status.get();
				return (code == 429) ? "rate-limited" : (code == 408) ? "timeout" : "server-error";
			}
			if (cause instanceof TimeoutException) {
				return "timeout";
			}
			if (cause instanceof MalformedVerdictException) {
				return "malformed";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return "connection";
	}

	/** A short, safe description for logs and feedback (no request contents). */
	static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Optional<Integer> status = status(cause);
			if (status.isPresent()) {
				return "HTTP " + status.get();
			}
			if (cause instanceof TimeoutException) {
				return "timed out";
			}
			if (cause instanceof MalformedVerdictException) {
				return "malformed verdict (" + cause.getMessage() + ")";
			}
			if (cause.getCause() == null) {
				return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
			}
		}
		return "unknown failure";
	}

}
