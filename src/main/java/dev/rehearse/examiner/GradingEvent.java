package dev.rehearse.examiner;

/**
 * What a grading stream carries: feedback text as it is written, then the verdict; before each
 * retry of a failed model call, a note that the examiner is trying again.
 */
public sealed interface GradingEvent {

	/** A piece of feedback text, in order. */
	record Feedback(String delta) implements GradingEvent {
	}

	/**
	 * The model call failed before any feedback and is tried again, so the candidate is never
	 * left waiting in silence.
	 *
	 * @param attempt the attempt about to be made (2 for the first retry)
	 * @param of the most attempts there will be
	 * @param reason why the last attempt failed: {@code timeout}, {@code rate-limited},
	 * {@code server-error}, {@code connection} or {@code malformed}
	 */
	record Retrying(int attempt, int of, String reason) implements GradingEvent {
	}

	/** The verdict; always the last event of a successful grading. */
	record Graded(Verdict verdict) implements GradingEvent {
	}

}
