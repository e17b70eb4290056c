package dev.rehearse.interview;

import java.util.EnumSet;
import java.util.Set;

/**
 * The grading state of one turn. A question is {@link #ASKED}; its answer is saved together with
 * the move to {@link #GRADING}; grading ends {@link #GRADED} or {@link #FAILED}. A failed turn, or
 * one left {@code GRADING} by an instance that died, may be graded again (back to
 * {@code GRADING} under a new lease). A graded turn is final.
 */
enum TurnStatus {

	ASKED, GRADING, GRADED, FAILED;

	Set<TurnStatus> next() {
		return switch (this) {
			case ASKED -> EnumSet.of(GRADING);
			// GRADING -> GRADING: a stale grading is taken over under a new lease
			case GRADING -> EnumSet.of(GRADED, FAILED, GRADING);
			case FAILED -> EnumSet.of(GRADING);
			case GRADED -> EnumSet.noneOf(TurnStatus.class);
		};
	}

	boolean canMoveTo(TurnStatus target) {
		return next().contains(target);
	}

	/** The statuses from which {@code target} can be reached, for conditional updates. */
	static Set<TurnStatus> sourcesOf(TurnStatus target) {
		Set<TurnStatus> sources = EnumSet.noneOf(TurnStatus.class);
		for (TurnStatus status : values()) {
			if (status.canMoveTo(target)) {
				sources.add(status);
			}
		}
		return sources;
	}

	/** The target, or a 409 that says why the move is not possible from here. */
	TurnStatus moveTo(TurnStatus target) {
		if (!canMoveTo(target)) {
			throw new IllegalTransitionException(switch (this) {
				case ASKED -> "interview.not-answered-yet";
				case GRADING -> "interview.being-graded";
				case GRADED -> (target == GRADING) ? "interview.answered-and-graded" : "interview.already-graded";
				case FAILED -> "interview.grading-failed";
			});
		}
		return target;
	}

	/** A 409 unless the turn still waits for its answer: every question is answered once. */
	void requireUnanswered() {
		if (this != ASKED) {
			throw new IllegalTransitionException("interview.already-answered");
		}
	}

	/** Whether the turn has an answer. */
	boolean answered() {
		return this != ASKED;
	}

}
