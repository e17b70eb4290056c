package dev.rehearse.interview;

import dev.rehearse.examiner.AnswerTooLongException;
import dev.rehearse.examiner.ExaminerProperties;
import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The examiner's answer limit ({@code rehearse.examiner.max-answer-chars}), checked before anything
 * is saved: a longer answer is a 413 and never reaches the database or a model.
 */
@Component
class AnswerLimit {

	private final int maxCharacters;

	AnswerLimit(ExaminerProperties examiner) {
		this.maxCharacters = examiner.maxAnswerChars();
	}

	void check(String answer) {
		try {
			AnswerTooLongException.check(answer, this.maxCharacters);
		}
		catch (AnswerTooLongException ex) {
			// the same 413, worded in the candidate's language
			throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "interview.answer.too-long", ex.length(), ex.limit());
		}
	}

}
