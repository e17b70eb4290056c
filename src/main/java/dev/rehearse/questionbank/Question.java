package dev.rehearse.questionbank;

import java.util.List;
import java.util.UUID;

/**
 * A question of a bank, with what the examiner needs to grade it.
 *
 * @param id stable id, derived from the bank and the question's identity in its file
 * @param bankId the bank
 * @param category the category's name
 * @param position order within the bank, from 1
 * @param text the question as written
 * @param referenceAnswer the bank's reference answer (never shown before the candidate answered)
 * @param keyPoints the points a complete answer covers
 * @param language BCP-47 language ({@code zh}, {@code en})
 * @param difficulty {@code easy}, {@code medium}, {@code hard}, or null when the bank does not say
 * @param tags free-form tags from the bank
 * @param followUps follow-up questions the bank writes out for this one, asked in order when a
 * follow-up is due (before any the examiner would make up); never null, mostly empty
 */
public record Question(UUID id, String bankId, String category, int position, String text, String referenceAnswer,
		List<KeyPoint> keyPoints, String language, String difficulty, List<String> tags, List<FollowUp> followUps) {

	public Question {
		keyPoints = List.copyOf(keyPoints);
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		followUps = (followUps != null) ? List.copyOf(followUps) : List.of();
	}

	/** A question without follow-ups of its own. */
	public Question(UUID id, String bankId, String category, int position, String text, String referenceAnswer,
			List<KeyPoint> keyPoints, String language, String difficulty, List<String> tags) {
		this(id, bankId, category, position, text, referenceAnswer, keyPoints, language, difficulty, tags, List.of());
	}

	/**
	 * A follow-up question a bank writes out ({@code 追问} in an article), graded against its own
	 * reference answer.
	 *
	 * @param text the follow-up question
	 * @param referenceAnswer its reference answer
	 * @param keyPoints the points a complete answer to it covers
	 */
	public record FollowUp(String text, String referenceAnswer, List<KeyPoint> keyPoints) {

		public FollowUp {
			keyPoints = (keyPoints != null) ? List.copyOf(keyPoints) : List.of();
		}

	}

}
