package dev.rehearse.interview;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The end-of-interview report: what went well, what to work on, what to practise next. Every text
 * is in the bank's language.
 *
 * @param overall 0–100: the mean of all graded answers' scores times ten, or null when nothing was
 * graded
 * @param categories per category, the same mean over its graded answers
 * @param strengths up to three things that went well
 * @param gaps up to three key points missed most often across the interview, most-missed first
 * @param practise one or two questions to practise next, lowest score first
 * @param answered how many answers were given
 * @param graded how many of them were graded
 * @param language the bank's language, {@code zh} or {@code en}
 */
// reports stored by earlier versions also carry "weaknesses", which gaps replaced
@JsonIgnoreProperties(ignoreUnknown = true)
record Report(@JsonAlias("overallScore") Integer overall, List<CategoryScore> categories, List<String> strengths,
		List<Gap> gaps, @JsonAlias("practiseNext") List<Practice> practise, int answered, int graded,
		String language) {

	Report {
		// reports stored before gaps and the language existed read as empty, never null
		categories = (categories != null) ? categories : List.of();
		strengths = (strengths != null) ? strengths : List.of();
		gaps = (gaps != null) ? gaps : List.of();
		practise = (practise != null) ? practise : List.of();
		language = (language != null) ? language : "en";
	}

	/**
	 * @param name the category
	 * @param score 0–100
	 * @param answered graded answers in it
	 */
	record CategoryScore(@JsonAlias("category") String name, int score, @JsonAlias("answers") int answered) {
	}

	/**
	 * A key point the candidate missed.
	 *
	 * @param title the key point's title
	 * @param category the category of the question it belongs to
	 * @param questionId the bank question (the lowest-scored one, when several missed it)
	 */
	record Gap(String title, String category, UUID questionId) {
	}

	/**
	 * @param questionId the bank question
	 * @param questionText its text
	 * @param category its category
	 * @param score its score, 0–10
	 */
	record Practice(UUID questionId, @JsonAlias("text") String questionText, String category, double score) {
	}

}
