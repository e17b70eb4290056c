package dev.rehearse.questionbank;

import java.util.List;

import dev.rehearse.questionbank.Question.FollowUp;

/**
 * A bank as read from its file, before it is stored.
 *
 * @param id the bank id (declared in the file, or derived from the file name)
 * @param title human-readable title
 * @param language BCP-47 language of the bank ({@code zh}, {@code en})
 * @param description optional description, may be null
 * @param categories category names in file order
 * @param questions questions in file order
 * @param warnings what the parser read in a way the author may not have meant, never null
 */
record ParsedBank(String id, String title, String language, String description, List<String> categories,
		List<ParsedQuestion> questions, List<Warning> warnings) {

	ParsedBank {
		categories = List.copyOf(categories);
		questions = List.copyOf(questions);
		warnings = (warnings != null) ? List.copyOf(warnings) : List.of();
	}

	ParsedBank(String id, String title, String language, String description, List<String> categories,
			List<ParsedQuestion> questions) {
		this(id, title, language, description, categories, questions, List.of());
	}

	/** The same bank under another id (an uploaded bank gets its owner's prefix). */
	ParsedBank withId(String newId) {
		return new ParsedBank(newId, this.title, this.language, this.description, this.categories, this.questions,
				this.warnings);
	}

	/**
	 * Something a file says that was read, but perhaps not as its author meant: text skipped, a
	 * follow-up without an answer.
	 *
	 * @param line 1-based line, 0 for the file as a whole
	 * @param message what was done
	 */
	record Warning(int line, String message) {
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
	 * @param followUps the follow-up questions the file writes out for it, in order, never null
	 */
	record ParsedQuestion(String identity, String category, String text, String referenceAnswer,
			List<KeyPoint> keyPoints, String difficulty, List<String> tags, int line, List<FollowUp> followUps) {

		ParsedQuestion {
			keyPoints = List.copyOf(keyPoints);
			tags = (tags != null) ? List.copyOf(tags) : List.of();
			followUps = (followUps != null) ? List.copyOf(followUps) : List.of();
		}

		ParsedQuestion(String identity, String category, String text, String referenceAnswer, List<KeyPoint> keyPoints,
				String difficulty, List<String> tags, int line) {
			this(identity, category, text, referenceAnswer, keyPoints, difficulty, tags, line, List.of());
		}

	}

}
