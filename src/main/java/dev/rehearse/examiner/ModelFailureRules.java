package dev.rehearse.examiner;

import java.util.Optional;

/**
 * How one model provider's client reports a failure: the HTTP status and the {@code Retry-After}
 * an exception of its client carries, which of its exceptions mean the request got no answer at
 * all, and which statuses are worth trying again. {@link ModelFailures} walks the cause chain and
 * asks these rules about each cause; what every provider shares (timeouts, a cut stream, a
 * malformed verdict) stays there.
 * <p>
 * A provider is one configuration class and one rules class side by side: {@link OpenAiProvider}
 * with {@link OpenAiFailureRules}, {@link OllamaProvider} with {@link OllamaFailureRules}.
 */
interface ModelFailureRules {

	/** The provider's name, as in {@code spring.ai.model.chat}. */
	String provider();

	/** The HTTP status of the response this exception reports, when it is one of the client's. */
	Optional<Integer> status(Throwable failure);

	/** The wait the response asked for, as sent ({@code Retry-After} or the provider's own header). */
	Optional<String> retryAfter(Throwable failure);

	/** Whether this exception means the request got no answer (refused, reset, unknown host). */
	boolean connectionFailure(Throwable failure);

	/** Whether a response with this status may succeed when sent again unchanged. */
	boolean retryable(int status);

	/** Rules for a chat model no provider class knows (a test's mock): generic causes only. */
	ModelFailureRules NONE = new ModelFailureRules() {

		@Override
		public String provider() {
			return "unknown";
		}

		@Override
		public Optional<Integer> status(Throwable failure) {
			return Optional.empty();
		}

		@Override
		public Optional<String> retryAfter(Throwable failure) {
			return Optional.empty();
		}

		@Override
		public boolean connectionFailure(Throwable failure) {
			return false;
		}

		@Override
		public boolean retryable(int status) {
			return false;
		}

	};

}
