package dev.rehearse.examiner;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the examiner grades ({@code rehearse.examiner.*}). The LLM provider itself is chosen with
 * {@code spring.ai.model.chat} ({@code REHEARSE_LLM_PROVIDER}).
 *
 * @param maxAnswerChars the longest answer accepted, in characters (Unicode code points); a longer
 * one is refused with {@link AnswerTooLongException} (HTTP 413) before any model is called
 * @param firstTokenTimeout how long to wait for the model's first chunk (text or reasoning), and
 * between chunks, before the attempt counts as failed
 * @param maxGradingWait the longest the model may take to deliver a verdict, retries and their
 * waits included; each attempt's timeouts shrink to what is left of it, a retry that cannot fit
 * is not made, and past it the failure policy applies (the offline fallback adds only its own
 * few milliseconds)
 * @param spokenTimeout the longest a spoken rephrasing or follow-up question may take from the
 * model before the template stands in
 * @param spokenCacheSize how many of the model's spoken phrasings of questions are kept, so that a
 * question asked again in the same style costs no model call ({@code 0}: the model is asked for
 * every turn)
 * @param retry how often and how patiently a failed model call is tried again
 * @param onFailure what happens when the model still fails: {@code fallback} to the offline
 * examiner (the verdict says so) or {@code fail} with {@link GradingFailedException}
 * @param promptVersion the prompt templates to use ({@code prompts/examiner-*-<version>-*.st})
 * @param client the HTTP client to an OpenAI-compatible server
 */
@ConfigurationProperties("rehearse.examiner")
public record ExaminerProperties(@DefaultValue("4000") int maxAnswerChars,
		@DefaultValue("30s") Duration firstTokenTimeout, @DefaultValue("45s") Duration maxGradingWait,
		@DefaultValue("10s") Duration spokenTimeout, @DefaultValue("10000") int spokenCacheSize,
		@DefaultValue Retry retry,
		@DefaultValue("fallback") FailurePolicy onFailure, @DefaultValue("v2") String promptVersion,
		@DefaultValue Client client) {

	public ExaminerProperties {
		if (maxAnswerChars < 1) {
			throw new IllegalArgumentException("rehearse.examiner.max-answer-chars must be positive");
		}
		if (maxGradingWait == null || maxGradingWait.isNegative() || maxGradingWait.isZero()) {
			throw new IllegalArgumentException("rehearse.examiner.max-grading-wait must be positive");
		}
		if (spokenCacheSize < 0) {
			throw new IllegalArgumentException("rehearse.examiner.spoken-cache-size must not be negative");
		}
	}

	/** The defaults, as in {@code application.yml}. */
	public static ExaminerProperties defaults() {
		return new ExaminerProperties(4000, Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofSeconds(10), 10000,
				new Retry(3, Duration.ofMillis(500), Duration.ofSeconds(10)), FailurePolicy.FALLBACK, "v2",
				new Client(1000, Duration.ofSeconds(10)));
	}

	/**
	 * Retries of a failed model call. Only an attempt that has not yet streamed any feedback is
	 * retried (connect failure, 5xx, 429, no first token); once feedback reached the candidate a
	 * failure goes straight to the failure policy.
	 *
	 * @param maxAttempts attempts in all, the first included ({@code 1} = no retry)
	 * @param backoff the wait before the first retry, doubled for each next one (with jitter); a
	 * {@code Retry-After} from the server replaces it when longer
	 * @param maxBackoff the longest single wait, {@code Retry-After} included
	 */
	public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration backoff,
			@DefaultValue("10s") Duration maxBackoff) {

		public Retry {
			maxAttempts = Math.max(1, maxAttempts);
		}

	}

	/**
	 * The non-blocking HTTP client to an OpenAI-compatible server ({@link OpenAiCompatibleChatModel}):
	 * an open stream costs a pooled connection, never a thread.
	 *
	 * @param maxConnections most connections (so streams) open to the model server at once; more
	 * wait for a free one, within the grading's own wait
	 * @param connectTimeout how long connecting to the model server may take
	 */
	public record Client(@DefaultValue("1000") int maxConnections, @DefaultValue("10s") Duration connectTimeout) {

		public Client {
			maxConnections = Math.max(1, maxConnections);
		}

	}

	/** What to do when the model cannot grade. */
	public enum FailurePolicy {

		/** Grade with the offline examiner instead; the verdict's provenance says fallback. */
		FALLBACK,

		/** Fail with {@link GradingFailedException}; the caller can grade again later. */
		FAIL

	}

}
