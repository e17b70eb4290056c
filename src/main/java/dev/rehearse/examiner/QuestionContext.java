package dev.rehearse.examiner;

import java.util.List;

import dev.rehearse.questionbank.KeyPoint;

/**
 * What the examiner knows of a question.
 *
 * @param question the question as written in the bank
 * @param referenceAnswer the bank's reference answer
 * @param keyPoints the points a complete answer covers
 * @param language BCP-47 language of the question ({@code zh}, {@code en})
 * @param style how the interviewer speaks; only the spoken lines use it, never the grading
 */
public record QuestionContext(String question, String referenceAnswer, List<KeyPoint> keyPoints, String language,
		InterviewerStyle style) {

	public QuestionContext {
		keyPoints = List.copyOf(keyPoints);
		style = (style != null) ? style : InterviewerStyle.NEUTRAL;
	}

	/** A question asked in the neutral style. */
	public QuestionContext(String question, String referenceAnswer, List<KeyPoint> keyPoints, String language) {
		this(question, referenceAnswer, keyPoints, language, InterviewerStyle.NEUTRAL);
	}

	/** The same question asked in another style. */
	public QuestionContext withStyle(InterviewerStyle style) {
		return new QuestionContext(this.question, this.referenceAnswer, this.keyPoints, this.language, style);
	}

}
