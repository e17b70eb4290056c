package dev.rehearse.interview;

import java.util.EnumSet;
import java.util.Set;

import dev.rehearse.system.ApiProblem;

/**
 * The one state of an interview and the moves it allows. An interview is in progress until all
 * its questions are answered or the candidate finishes it early ({@link #FINISHED}), or nobody
 * touched it for a long time ({@link #ABANDONED}); both ends stay reviewable and never reopen.
 */
enum InterviewStatus {

	IN_PROGRESS, FINISHED, ABANDONED;

	/** Where this state may go next. */
	Set<InterviewStatus> next() {
		return switch (this) {
			case IN_PROGRESS -> EnumSet.of(FINISHED, ABANDONED);
			case FINISHED, ABANDONED -> EnumSet.noneOf(InterviewStatus.class);
		};
	}

	boolean canMoveTo(InterviewStatus target) {
		return next().contains(target);
	}

	/** The target state, or a 409 when this state does not allow the move. */
	InterviewStatus moveTo(InterviewStatus target) {
		if (!canMoveTo(target)) {
			throw new IllegalTransitionException("interview.cannot-become", described(), target.described());
		}
		return target;
	}

	/** Whether answers are taken in this state, or a 409 saying why not. */
	void requireAnswerable() {
		if (this != IN_PROGRESS) {
			throw new IllegalTransitionException("interview.takes-no-answers", described());
		}
	}

	String describe() {
		return name().toLowerCase().replace('_', ' ');
	}

	/** {@link #describe()} in the reader's language, as an argument of a message. */
	Object described() {
		return ApiProblem.message("interview.status." + name().toLowerCase());
	}

}
