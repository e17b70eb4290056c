package dev.rehearse.examiner;

/**
 * What a grading stream carries: feedback text as it is written, then the verdict.
 */
public sealed interface GradingEvent {

	/** A piece of feedback text, in order. */
	record Feedback(String delta) implements GradingEvent {
	}

	/** The verdict; always the last event of a successful grading. */
	record Graded(Verdict verdict) implements GradingEvent {
	}

}
