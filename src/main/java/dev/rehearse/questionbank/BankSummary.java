package dev.rehearse.questionbank;

import java.util.List;

/**
 * A bank as the API lists it.
 *
 * @param id the bank id
 * @param title its title
 * @param language {@code zh} or {@code en}
 * @param description its description, may be null
 * @param questionCount how many current questions it has
 * @param categories its categories with current questions, in bank order
 * @param owner {@code shared} (shipped or from the banks directory, everyone sees it) or
 * {@code you} (uploaded by the caller, private; nobody else ever sees it)
 */
record BankSummary(String id, String title, String language, String description, long questionCount,
		List<CategorySummary> categories, String owner) {

	static final String SHARED = "shared";

	static final String YOU = "you";

	/**
	 * A category as the API lists it.
	 *
	 * @param name the category's name
	 * @param questionCount how many current questions it has
	 */
	record CategorySummary(String name, long questionCount) {
	}

}
