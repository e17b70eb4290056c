package dev.rehearse.interview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;

/**
 * One question asked and, once answered, its answer, feedback and verdict. The question's text,
 * reference answer and key points are a snapshot taken when it was asked.
 *
 * @param id the turn's id
 * @param interviewId its interview
 * @param position 1-based order within the interview
 * @param questionId the bank question (for a follow-up: the question it follows up)
 * @param category the question's category
 * @param kind a planned question or a follow-up
 * @param parentTurnId for a follow-up, the turn it follows up
 * @param spokenText what the examiner says aloud
 * @param questionText the question as in the bank (a follow-up's own text)
 * @param referenceAnswer the bank's reference answer as it was
 * @param keyPoints the key points graded against (for a follow-up: the ones it probes)
 * @param status the grading state
 * @param answer the answer, or null
 * @param delivery delivery figures of the answer, or null
 * @param feedback the examiner's full feedback text, or null
 * @param verdict the verdict, or null
 * @param gradedAt when the verdict was stored
 * @param gradingStartedAt when the current grading began (the lease's start)
 * @param attempts how many gradings were started
 * @param lastError why the last grading failed
 * @param origin where the question came from: {@code bank}, or {@code generated} / {@code self-introduction}
 * for a question written for this interview (see the tailoring package)
 */
record Turn(UUID id, UUID interviewId, int position, UUID questionId, String category, TurnKind kind,
		UUID parentTurnId, String spokenText, String questionText, String referenceAnswer, List<KeyPoint> keyPoints,
		TurnStatus status, Answer answer, Delivery delivery, String feedback, Verdict verdict, Instant gradedAt,
		Instant gradingStartedAt, int attempts, String lastError, String origin) {

	/** The origin of a bank question's turn. */
	static final String BANK = "bank";


	/**
	 * A candidate's answer.
	 *
	 * @param text the answer (untrusted)
	 * @param inputMode {@code text} or {@code voice}
	 * @param durationSeconds how long the candidate spoke or typed, if known
	 * @param answeredAt when it was saved
	 */
	record Answer(String text, String inputMode, Double durationSeconds, Instant answeredAt) {
	}

	/** The same turn with other spoken words (a kind lead-in before the question). */
	Turn withSpokenText(String spoken) {
		return new Turn(this.id, this.interviewId, this.position, this.questionId, this.category, this.kind,
				this.parentTurnId, spoken, this.questionText, this.referenceAnswer, this.keyPoints, this.status,
				this.answer, this.delivery, this.feedback, this.verdict, this.gradedAt, this.gradingStartedAt,
				this.attempts, this.lastError, this.origin);
	}

}
