package dev.rehearse.examiner;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Grades answers and speaks like an interviewer. The one contract the rest of Rehearse uses,
 * whether an LLM or the offline examiner stands behind it.
 */
public interface Examiner {

	/**
	 * Grades one answer: a stream of {@link GradingEvent.Feedback} text deltas followed by
	 * exactly one {@link GradingEvent.Graded} carrying the verdict. Fails with
	 * {@link GradingFailedException} when grading could not be done and the configured policy
	 * is not to fall back.
	 */
	Flux<GradingEvent> grade(GradingRequest request);

	/** The question as an interviewer would say it aloud, meaning unchanged. */
	Mono<String> spokenQuestion(QuestionContext question);

	/** One follow-up question probing what the verdict found missing. */
	Mono<String> followUp(GradingRequest request, Verdict verdict);

	/** Who is grading, for display ("offline examiner" or the model's name). */
	ExaminerInfo info();

}
