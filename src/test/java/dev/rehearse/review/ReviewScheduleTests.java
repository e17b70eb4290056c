package dev.rehearse.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rehearse.review.ReviewSchedule.Outcome;
import dev.rehearse.review.ReviewSchedule.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReviewScheduleTests {

	private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

	/** Reviews with these scores, each on the day the previous one made it due. */
	private static List<State> reviewed(double... scores) {
		List<State> states = new ArrayList<>();
		State state = null;
		for (double score : scores) {
			Instant at = (state != null) ? state.due() : START;
			state = ReviewSchedule.next(state, Outcome.of(score, at));
			states.add(state);
		}
		return states;
	}

	@Test
	void scoresMapToSm2QualityByHalvingAndRounding() {
		assertThat(List.of(0.0, 0.9, 1.0, 4.9, 5.0, 6.9, 7.0, 8.9, 9.0, 10.0).stream().map(ReviewSchedule::quality))
			.containsExactly(0, 0, 1, 2, 3, 3, 4, 4, 5, 5);
	}

	@Test
	void goodScoresComeBackAfterOneDayThenSixThenEverLonger() {
		List<State> states = reviewed(9, 9, 9, 9, 9);
		assertThat(states).extracting(State::intervalDays).containsExactly(1, 6, 16, 45, 131);
		assertThat(states).extracting(State::repetitions).containsExactly(1, 2, 3, 4, 5);
		assertThat(states.get(0).due()).isEqualTo(START.plus(Duration.ofDays(1)));
		assertThat(states.get(4).ease()).isCloseTo(3.0, within(1e-9));
	}

	@Test
	void aMiddlingPassGrowsSlowerThanAGoodOne() {
		State good = reviewed(9, 9, 9, 9).get(3);
		State middling = reviewed(6, 6, 6, 6).get(3);
		assertThat(middling.intervalDays()).isPositive().isLessThan(good.intervalDays());
		assertThat(middling.ease()).isLessThan(ReviewSchedule.INITIAL_EASE);
	}

	@Test
	void aLowScoreStartsOverAndComesBackTomorrow() {
		List<State> states = reviewed(10, 10, 10, 3, 10);
		State failed = states.get(3);
		assertThat(failed.repetitions()).isZero();
		assertThat(failed.intervalDays()).isEqualTo(1);
		assertThat(failed.due()).isEqualTo(states.get(2).due().plus(Duration.ofDays(1)));
		assertThat(failed.ease()).isLessThan(states.get(2).ease());
		// and the climb starts again from one day, with the ease it kept
		assertThat(states.get(4).intervalDays()).isEqualTo(1);
		assertThat(states.get(4).repetitions()).isEqualTo(1);
	}

	@Test
	void theEaseNeverFallsBelowOnePointThree() {
		List<State> states = reviewed(0, 0, 0, 0, 0, 0, 2, 1);
		assertThat(states).allSatisfy((state) -> assertThat(state.ease()).isGreaterThanOrEqualTo(ReviewSchedule.MIN_EASE));
		assertThat(states.get(states.size() - 1).ease()).isEqualTo(ReviewSchedule.MIN_EASE);
		assertThat(states).extracting(State::intervalDays).containsOnly(1);
	}

	@Test
	void followUpsCountTowardTheirQuestion() {
		// a good first answer whose follow-up found a gap: the mean fails where the first answer alone passes
		State alone = ReviewSchedule.next(null, Outcome.of(7, START));
		State withFollowUp = ReviewSchedule.next(null, new Outcome(7 + 1, 2, START));
		assertThat(alone.repetitions()).isEqualTo(1);
		assertThat(withFollowUp.repetitions()).isZero();
		assertThat(withFollowUp.lastScore()).isEqualTo(4);
		assertThat(withFollowUp.ease()).isLessThan(alone.ease());
		// and a follow-up answered well lifts a weak first answer
		assertThat(ReviewSchedule.next(null, new Outcome(4 + 9, 2, START)).repetitions()).isEqualTo(1);
	}

	@Test
	void replayingTheOutcomesGivesTheSameScheduleStepByStep() {
		List<Outcome> outcomes = List.of(Outcome.of(8, START), new Outcome(12, 2, START.plus(Duration.ofDays(1))),
				Outcome.of(2, START.plus(Duration.ofDays(9))));
		State stepped = ReviewSchedule.next(ReviewSchedule.next(ReviewSchedule.next(null, outcomes.get(0)), outcomes.get(1)),
				outcomes.get(2));
		assertThat(ReviewSchedule.replay(outcomes)).isEqualTo(stepped);
		assertThat(stepped.reviews()).isEqualTo(3);
		assertThat(ReviewSchedule.replay(List.of())).isNull();
	}

}
