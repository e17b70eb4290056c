package dev.rehearse.interview;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterviewStatusTests {

	@Test
	void anInterviewInProgressCanFinishOrBeAbandoned() {
		assertThat(InterviewStatus.IN_PROGRESS.moveTo(InterviewStatus.FINISHED)).isEqualTo(InterviewStatus.FINISHED);
		assertThat(InterviewStatus.IN_PROGRESS.moveTo(InterviewStatus.ABANDONED)).isEqualTo(InterviewStatus.ABANDONED);
	}

	@Test
	void anEndedInterviewNeverReopensNorEndsTwice() {
		for (InterviewStatus ended : new InterviewStatus[] { InterviewStatus.FINISHED, InterviewStatus.ABANDONED }) {
			for (InterviewStatus target : InterviewStatus.values()) {
				assertThat(ended.canMoveTo(target)).as("%s -> %s", ended, target).isFalse();
			}
			assertThatThrownBy(() -> ended.moveTo(InterviewStatus.FINISHED))
				.isInstanceOfSatisfying(IllegalTransitionException.class,
						(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
		}
	}

	@Test
	void onlyAnInterviewInProgressTakesAnswers() {
		InterviewStatus.IN_PROGRESS.requireAnswerable();
		assertThatThrownBy(InterviewStatus.FINISHED::requireAnswerable).isInstanceOf(IllegalTransitionException.class)
			.hasMessageContaining("interview.takes-no-answers");
	}

	@Test
	void aTurnIsAnsweredOnceThenGradedOrFailed() {
		assertThat(TurnStatus.ASKED.next()).containsExactlyInAnyOrder(TurnStatus.GRADING, TurnStatus.SKIPPED);
		assertThat(TurnStatus.GRADING.canMoveTo(TurnStatus.GRADED)).isTrue();
		assertThat(TurnStatus.GRADING.canMoveTo(TurnStatus.FAILED)).isTrue();
		assertThat(TurnStatus.ASKED.canMoveTo(TurnStatus.GRADED)).isFalse();
		TurnStatus.ASKED.requireUnanswered();
		for (TurnStatus answered : new TurnStatus[] { TurnStatus.GRADING, TurnStatus.GRADED, TurnStatus.FAILED }) {
			assertThatThrownBy(answered::requireUnanswered).isInstanceOf(IllegalTransitionException.class)
				.hasMessageContaining("interview.already-answered");
		}
	}

	@Test
	void failedOrStaleGradingsMayBeGradedAgainButAGradedTurnIsFinal() {
		assertThat(TurnStatus.sourcesOf(TurnStatus.GRADING)).containsExactlyInAnyOrder(TurnStatus.ASKED,
				TurnStatus.GRADING, TurnStatus.FAILED);
		assertThat(TurnStatus.GRADED.next()).isEmpty();
		assertThatThrownBy(() -> TurnStatus.GRADED.moveTo(TurnStatus.GRADING))
			.isInstanceOf(IllegalTransitionException.class)
			.hasMessageContaining("interview.answered-and-graded");
		assertThatThrownBy(() -> TurnStatus.ASKED.moveTo(TurnStatus.GRADED))
			.isInstanceOf(IllegalTransitionException.class)
			.hasMessageContaining("interview.not-answered-yet");
	}

	@Test
	void onlyATurnStillWaitingForItsAnswerMayBeSkippedAndASkippedTurnIsFinal() {
		assertThat(TurnStatus.ASKED.moveTo(TurnStatus.SKIPPED)).isEqualTo(TurnStatus.SKIPPED);
		assertThat(TurnStatus.sourcesOf(TurnStatus.SKIPPED)).containsExactly(TurnStatus.ASKED);
		assertThat(TurnStatus.SKIPPED.next()).isEmpty();
		for (TurnStatus answered : new TurnStatus[] { TurnStatus.GRADING, TurnStatus.GRADED, TurnStatus.FAILED }) {
			assertThatThrownBy(() -> answered.moveTo(TurnStatus.SKIPPED))
				.isInstanceOfSatisfying(IllegalTransitionException.class,
						(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT))
				.hasMessageContaining("interview.follow-up-");
		}
		assertThatThrownBy(() -> TurnStatus.SKIPPED.moveTo(TurnStatus.SKIPPED))
			.hasMessageContaining("interview.follow-up-skipped");
		assertThatThrownBy(TurnStatus.SKIPPED::requireUnanswered).isInstanceOf(IllegalTransitionException.class)
			.hasMessageContaining("interview.follow-up-skipped");
		assertThat(TurnStatus.SKIPPED.answered()).as("a skipped turn has no answer").isFalse();
		assertThat(TurnStatus.SKIPPED.closed()).isTrue();
	}

}
