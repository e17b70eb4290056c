package dev.rehearse.tailoring;

import java.util.List;

import dev.rehearse.questionbank.KeyPoint;

/**
 * The model's plan as read from its reply, checked but not yet turned into questions.
 *
 * @param bankPicks the chosen bank questions, as 0-based indexes into the candidates offered, in
 * the model's order, no repeats
 * @param written the questions the model wrote
 */
record ModelPlan(List<Integer> bankPicks, List<Written> written) {

	/**
	 * A question the model wrote.
	 *
	 * @param phase {@code technical} or {@code project}
	 * @param category a short topic
	 * @param text the question
	 * @param referenceAnswer the model's reference answer
	 * @param keyPoints the points a complete answer covers, with titles and details
	 */
	record Written(String phase, String category, String text, String referenceAnswer, List<KeyPoint> keyPoints) {
	}

}
