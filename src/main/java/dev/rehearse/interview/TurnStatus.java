package dev.rehearse.interview;

import java.util.EnumSet;
import java.util.Set;

/**
 * The grading state of one turn. A question is {@link #ASKED}; its answer is saved together with
 * the move to {@link #GRADING}; grading ends {@link #GRADED} or {@link #FAILED}. A failed turn, or
 * one left {@code GRADING} by an instance that died, may be graded again (back to
 * {@code GRADING} under a new lease). A graded turn is final. A follow-up still {@link #ASKED} may
 * be {@link #SKIPPED} instead of answered, which is final too.
 */
enum TurnStatus {

	ASKED, GRADING, GRADED, FAILED, SKIPPED;

	Set<TurnStatus> next() {
		return switch (this) {
			// SKIPPED only for a follow-up: the caller checks the turn's kind
			case ASKED -> EnumSet.of(GRADING, SKIPPED);
			// GRADING -> GRADING: a stale grading is taken over under a new lease
			case GRADING -> EnumSet.of(GRADED, FAILED, GRADING);
			case FAILED -> EnumSet.of(GRADING);
			case GRADED, SKIPPED -> EnumSet.noneOf(TurnStatus.class);
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
				case GRADING -> (target == SKIPPED) ? "interview.follow-up-being-graded" : "interview.being-graded";
				case GRADED -> (target == GRADING) ? "interview.answered-and-graded"
						: (target == SKIPPED) ? "interview.follow-up-answered" : "interview.already-graded";
				case SKIPPED -> "interview.follow-up-skipped";
				case FAILED -> (target == SKIPPED) ? "interview.follow-up-answered" : "interview.grading-failed";
			});
		}
		return target;
	}

	/** A 409 unless the turn still waits for its answer: every question is answered once. */
	void requireUnanswered() {
		if (this == SKIPPED) {
			throw new IllegalTransitionException("interview.follow-up-skipped");
		}
		if (this != ASKED) {
			throw new IllegalTransitionException("interview.already-answered");
		}
	}

	/** Whether the turn has an answer. */
	boolean answered() {
		return this == GRADING || this == GRADED || this == FAILED;
	}

	/** Whether the turn is done with: answered or skipped, so its reference may be shown. */
	boolean closed() {
		return this != ASKED;
	}

}
