package dev.rehearse.interview;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Interviews.
 *
 * @param defaultQuestionCount questions in an interview when the request names no count
 * @param maxQuestionCount the most questions one interview may plan
 * @param followUpsPerQuestion follow-ups the examiner may ask on one question when key points
 * were missed or partly covered; never after an answer scored 2 or less (0: none); a strict
 * interviewer asks one more
 * @param gradingTimeout the longest one grading may take before it counts as failed
 * @param abandonAfter an interview in progress untouched for this long is marked abandoned
 * @param rateLimit the per-user limit on gradings
 * @param sweep the background sweep that grades failed or unfinished turns again
 * @param feedbackFlush the least time between two {@code feedback} events of one answer: the first
 * model token goes out at once, later ones are joined until this has passed or a sentence ends
 * ({@code 0}: one event per token)
 * @param maxConcurrentGradings the most gradings one instance runs at once; more answers are saved
 * and wait in a queue shared by all instances ({@code 0}: 64 per processor, since a grading mostly
 * waits for the model)
 */
@ConfigurationProperties("rehearse.interview")
record InterviewProperties(@DefaultValue("5") int defaultQuestionCount, @DefaultValue("20") int maxQuestionCount,
		@DefaultValue("1") int followUpsPerQuestion, @DefaultValue("3m") Duration gradingTimeout,
		@DefaultValue("7d") Duration abandonAfter, @DefaultValue RateLimit rateLimit, @DefaultValue Sweep sweep,
		@DefaultValue("50ms") Duration feedbackFlush, @DefaultValue("0") int maxConcurrentGradings) {

	InterviewProperties {
		if (maxConcurrentGradings <= 0) {
			maxConcurrentGradings = 64 * Runtime.getRuntime().availableProcessors();
		}
	}

	/**
	 * Gradings (answers and re-grades) one user may start per minute, counted in PostgreSQL so
	 * that the limit holds across instances.
	 *
	 * @param answersPerMinute the limit; 0 switches it off
	 */
	record RateLimit(@DefaultValue("10") int answersPerMinute) {
	}

	/**
	 * The background sweep.
	 *
	 * @param enabled whether this instance sweeps
	 * @param interval time between two sweeps
	 * @param staleAfter a grading unfinished for this long (its instance died) or failed this long
	 * ago is graded again; keep it above {@code grading-timeout}
	 * @param maxAttempts gradings of one answer, including the first, before the sweep gives up
	 * @param batchSize turns claimed per sweep
	 */
	record Sweep(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
			@DefaultValue("5m") Duration staleAfter, @DefaultValue("3") int maxAttempts,
			@DefaultValue("5") int batchSize) {
	}

}
