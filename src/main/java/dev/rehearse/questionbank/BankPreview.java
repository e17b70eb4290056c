package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an uploaded bank holds, as the web chat previews it before saving: no reference answers,
 * only the key points' titles. With {@code errors} it cannot be saved.
 *
 * @param bankId the id it has (or would have) once saved
 * @param title its title
 * @param language {@code zh} or {@code en}
 * @param description its description, may be null
 * @param format the format it was read in ({@code markdown}, {@code article})
 * @param questionCount how many questions it has
 * @param categories its categories with their questions, in file order
 * @param warnings what was read, but perhaps not as meant, with its line
 * @param errors what keeps it from being saved, with its line (0: the file as a whole)
 * @param saved whether this request saved it
 */
record BankPreview(String bankId, String title, String language, String description, String format,
		int questionCount, List<CategoryPreview> categories, List<Line> warnings, List<Line> errors, boolean saved) {

	static BankPreview of(ParsedBank bank, String format, List<Line> warnings, List<Line> errors, boolean saved) {
		Map<String, List<QuestionPreview>> byCategory = new LinkedHashMap<>();
		bank.categories().forEach((name) -> byCategory.put(name, new ArrayList<>()));
		bank.questions()
			.forEach((question) -> byCategory.computeIfAbsent(question.category(), (name) -> new ArrayList<>())
				.add(new QuestionPreview(question.line(), question.text(),
						question.keyPoints().stream().map(KeyPoint::title).toList(),
						question.followUps().stream().map(Question.FollowUp::text).toList())));
		List<CategoryPreview> categories = byCategory.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isEmpty())
			.map((entry) -> new CategoryPreview(entry.getKey(), entry.getValue()))
			.toList();
		return new BankPreview(bank.id(), bank.title(), bank.language(), bank.description(), format,
				bank.questions().size(), categories, warnings, errors, saved);
	}

	/** A file that could not be read as a bank at all: only its errors. */
	static BankPreview failed(String format, List<Line> errors) {
		return new BankPreview(null, null, null, null, format, 0, List.of(), List.of(), errors, false);
	}

	BankPreview asSaved() {
		return new BankPreview(this.bankId, this.title, this.language, this.description, this.format,
				this.questionCount, this.categories, this.warnings, this.errors, true);
	}

	/**
	 * @param name the category
	 * @param questions its questions in file order
	 */
	record CategoryPreview(String name, List<QuestionPreview> questions) {
	}

	/**
	 * @param line its line in the file
	 * @param text the question
	 * @param keyPoints the titles of its key points
	 * @param followUps the follow-up questions the file writes out for it
	 */
	record QuestionPreview(int line, String text, List<String> keyPoints, List<String> followUps) {
	}

	/**
	 * @param line 1-based line, 0 for the file as a whole
	 * @param message what it says about that line
	 */
	record Line(int line, String message) {
	}

}
