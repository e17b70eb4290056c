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
 */
public record QuestionContext(String question, String referenceAnswer, List<KeyPoint> keyPoints, String language) {

	public QuestionContext {
		keyPoints = List.copyOf(keyPoints);
	}

}
