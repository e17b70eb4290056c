package dev.rehearse.examiner;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An answer longer than {@code rehearse.examiner.max-answer-chars}: refused before any model is
 * called, rendered as 413 Content Too Large.
 */
public class AnswerTooLongException extends ResponseStatusException {

	private final int limit;

	private final int length;

	public AnswerTooLongException(int length, int limit) {
		super(HttpStatus.CONTENT_TOO_LARGE,
				"The answer is " + length + " characters long; the limit is " + limit + " characters.");
		this.limit = limit;
		this.length = length;
	}

	/** Throws when the answer is longer than the limit, counted in Unicode code points. */
	public static void check(String answer, int limit) {
		int length = length(answer);
		if (length > limit) {
			throw new AnswerTooLongException(length, limit);
		}
	}

	/** An answer's length as the limit counts it: Unicode code points. */
	public static int length(String answer) {
		return (answer != null) ? answer.codePointCount(0, answer.length()) : 0;
	}

	/** The limit, in characters. */
	public int limit() {
		return this.limit;
	}

	/** The refused answer's length, in characters. */
	public int length() {
		return this.length;
	}

}
