package dev.rehearse.interview;

import dev.rehearse.examiner.AnswerTooLongException;
import dev.rehearse.examiner.ExaminerProperties;

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
		AnswerTooLongException.check(answer, this.maxCharacters);
	}

}
