package dev.rehearse.examiner;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.rehearse.system.RetryAfter;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

/**
 * What a model failure means for a retry: whether trying again may help, and how long the server
 * asked us to wait. What every provider shares is decided here, anywhere in the cause chain: a
 * timeout, a cut stream ({@link IOException}), a malformed verdict and Spring AI's transient
 * exceptions are worth another try, its non-transient ones are not. What only the provider's
 * client knows (its exception types, which statuses it retries, where its {@code Retry-After}
 * comes from) is asked of the provider's {@link ModelFailureRules}.
 */
final class ModelFailures {

	private final ModelFailureRules rules;

	ModelFailures(ModelFailureRules rules) {
		this.rules = rules;
	}

	ModelFailureRules rules() {
		return this.rules;
	}

	boolean transientFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			Optional<Integer> status = this.rules.status(cause);
			if (status.isPresent()) {
				return this.rules.retryable(status.get());
			}
			if (cause instanceof MalformedVerdictException || cause instanceof TimeoutException
					|| cause instanceof IOException || cause instanceof TransientAiException
					|| this.rules.connectionFailure(cause)) {
				return true;
			}
			if (cause instanceof NonTransientAiException) {
				return false;
			}
		}
		return false;
	}

	/** The wait the server asked for, when it sent one (seconds or an HTTP date). */
	Optional<Duration> retryAfter(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			Optional<String> value = this.rules.retryAfter(cause);
			if (value.isPresent()) {
				return RetryAfter.parse(value.get());
			}
		}
		return Optional.empty();
	}


	/**
	 * Why a call failed, as a short code for the candidate's screen: {@code timeout},
	 * {@code rate-limited}, {@code server-error}, {@code malformed} or {@code connection}.
	 */
	String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			Optional<Integer> status = this.rules.status(cause);
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
		}
		return "connection";
	}

	/** A short, safe description for logs and feedback (no request contents). */
	String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			Optional<Integer> status = this.rules.status(cause);
			if (status.isPresent()) {
				return "HTTP " + status.get();
			}
			if (cause instanceof TimeoutException) {
				return "timed out";
			}
			if (cause instanceof MalformedVerdictException) {
				return "malformed verdict (" + cause.getMessage() + ")";
			}
			if (cause.getCause() == null || cause.getCause() == cause) {
				return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
			}
		}
		return "unknown failure";
	}

	private static Throwable next(Throwable cause) {
		return (cause.getCause() == cause) ? null : cause.getCause();
	}

}
