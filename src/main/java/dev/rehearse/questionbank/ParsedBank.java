package dev.rehearse.questionbank;

import java.util.List;

/**
 * A bank as read from its file, before it is stored.
 *
 * @param id the bank id (declared in the file, or derived from the file name)
 * @param title human-readable title
 * @param language BCP-47 language of the bank ({@code zh}, {@code en})
 * @param description optional description, may be null
 * @param categories category names in file order
 * @param questions questions in file order
 */
record ParsedBank(String id, String title, String language, String description, List<String> categories,
		List<ParsedQuestion> questions) {

	ParsedBank {
		categories = List.copyOf(categories);
		questions = List.copyOf(questions);
	}

	/**
	 * A question as read from its file.
	 *
	 * @param identity what identifies the question inside its file ({@code Q3}, a declared id, or
	 * its text); its id is derived from this and the bank id
	 * @param category name of its category
	 * @param text the question
	 * @param referenceAnswer the reference answer, code included
	 * @param keyPoints points a complete answer covers
	 * @param difficulty {@code easy}, {@code medium}, {@code hard} or null
	 * @param tags free-form tags, never null
	 * @param line 1-based line of the question in its file
	 */
	record ParsedQuestion(String identity, String category, String text, String referenceAnswer,
			List<KeyPoint> keyPoints, String difficulty, List<String> tags, int line) {

		ParsedQuestion {
			keyPoints = List.copyOf(keyPoints);
			tags = (tags != null) ? List.copyOf(tags) : List.of();
		}

	}

}
