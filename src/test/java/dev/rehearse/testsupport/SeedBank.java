package dev.rehearse.testsupport;

import java.util.List;

import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;

/** The English seed bank {@code seeds/java-backend-basics.md}, as the application loaded it. */
public final class SeedBank {

	public static final String ID = "java-backend-basics";

	private SeedBank() {
	}

	/** Its questions in bank order. */
	public static List<Question> questions(QuestionCatalog catalog) {
		return catalog.findQuestions(ID, List.of()).collectList().block();
	}

	/** An answer that states every key point of the question, word for word. */
	public static String fullAnswer(Question question) {
		return String.join(". ", texts(question.keyPoints())) + ".";
	}

	/** Each key point as one line of text, title and detail. */
	public static List<String> texts(List<KeyPoint> points) {
		return points.stream().map(KeyPoint::text).toList();
	}

}
