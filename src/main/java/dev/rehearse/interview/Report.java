package dev.rehearse.interview;

import java.util.List;
import java.util.UUID;

/**
 * The end-of-interview report.
 *
 * @param overallScore 0–100: the mean of all graded answers' scores times ten, or null when
 * nothing was graded
 * @param categories per category, the same mean over its graded answers
 * @param strengths what went well, from the verdicts of well-scored answers
 * @param weaknesses key points missed and improvements suggested
 * @param practiseNext the weakest questions, lowest first
 * @param answered how many answers were given
 * @param graded how many of them were graded
 */
record Report(Integer overallScore, List<CategoryScore> categories, List<String> strengths, List<String> weaknesses,
		List<Practice> practiseNext, int answered, int graded) {

	/**
	 * @param category the category
	 * @param score 0–100
	 * @param answers graded answers in it
	 */
	record CategoryScore(String category, int score, int answers) {
	}

	/**
	 * @param questionId the bank question
	 * @param text its text
	 * @param category its category
	 * @param score its score, 0–10
	 */
	record Practice(UUID questionId, String text, String category, double score) {
	}

}
