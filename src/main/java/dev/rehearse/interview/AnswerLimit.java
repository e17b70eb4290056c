package dev.rehearse.interview;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/** The longest answer the examiner takes; longer ones are refused with 413 before anything is saved. */
@Component
class AnswerLimit {

	private final int maxCharacters;

	AnswerLimit(@Value("${rehearse.examiner.max-answer-chars:4000}") int maxCharacters) {
		this.maxCharacters = maxCharacters;
	}

	void check(String answer) {
		int length = answer.codePointCount(0, answer.length());
		if (length > this.maxCharacters) {
			ErrorResponseException tooLong = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Answer too long",
					"The answer has " + length + " characters; at most " + this.maxCharacters + " are graded.");
			tooLong.getBody().setProperty("maxCharacters", this.maxCharacters);
			throw tooLong;
		}
	}

}
