package dev.rehearse.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SM-2 schedule of one question for one candidate, replayed from how the question went in
 * each interview, oldest first.
 * <p>
 * A 0–10 score becomes SM-2's quality 0–5 (half the score, rounded). Quality 3 (a score of 5)
 * or more passes: the interval grows from 1 day to 6, then by the ease factor each time; below
 * that the repetitions start over and the question comes back the next day. The ease factor
 * starts at 2.5, moves with each quality as in SM-2 and never falls below 1.3. Follow-ups count
 * toward their question: an interview's step takes the mean of all graded answers on it there.
 */
final class ReviewSchedule {

	static final double INITIAL_EASE = 2.5;

	static final double MIN_EASE = 1.3;

	/** The lowest SM-2 quality that counts as remembered. */
	static final int PASSING_QUALITY = 3;

	private ReviewSchedule() {
	}

	/**
	 * How a question went in one interview.
	 *
	 * @param scoreSum the sum of the scores (0–10) of its graded answers, follow-ups included
	 * @param answers how many answers were graded
	 * @param reviewedAt when it was first graded in that interview
	 */
	record Outcome(double scoreSum, int answers, Instant reviewedAt) {

		Outcome {
			if (answers < 1) {
				throw new IllegalArgumentException("An outcome has at least one graded answer");
			}
		}

		/** One graded answer. */
		static Outcome of(double score, Instant reviewedAt) {
			return new Outcome(score, 1, reviewedAt);
		}

		/** The question's score in that interview: the mean over the question and its follow-ups. */
		double score() {
			return this.scoreSum / this.answers;
		}

	}

	/**
	 * The schedule after some reviews.
	 *
	 * @param repetitions passing reviews in a row
	 * @param ease the ease factor, at least {@value #MIN_EASE}
	 * @param intervalDays days from the last review to the next
	 * @param lastScore the last review's score, 0–10
	 * @param reviewedAt the last review
	 * @param reviews reviews in all
	 */
	record State(int repetitions, double ease, int intervalDays, double lastScore, Instant reviewedAt, int reviews) {

		/** When the question is due again. */
		Instant due() {
			return this.reviewedAt.plus(Duration.ofDays(this.intervalDays));
		}

	}

	/** SM-2's quality (0–5) of a 0–10 score: half of it, rounded half up, within bounds. */
	static int quality(double score) {
		return (int) Math.max(0, Math.min(5, Math.floor(score / 2 + 0.5)));
	}

	/** The schedule after one more review; {@code prior} is null before the first. */
	static State next(State prior, Outcome outcome) {
		int repetitions = (prior != null) ? prior.repetitions() : 0;
		double ease = (prior != null) ? prior.ease() : INITIAL_EASE;
		int interval = (prior != null) ? prior.intervalDays() : 0;
		int quality = quality(outcome.score());
		if (quality >= PASSING_QUALITY) {
			// the interval grows with the ease as it was before this review (SM-2's order)
			interval = switch (repetitions) {
				case 0 -> 1;
				case 1 -> 6;
				default -> (int) Math.round(interval * ease);
			};
			repetitions++;
		}
		else {
			repetitions = 0;
			interval = 1;
		}
		int missing = 5 - quality;
		ease = Math.max(MIN_EASE, ease + 0.1 - missing * (0.08 + missing * 0.02));
		return new State(repetitions, ease, interval, outcome.score(), outcome.reviewedAt(),
				(prior != null) ? prior.reviews() + 1 : 1);
	}

	/** The schedule after these reviews, oldest first; null when there are none. */
	static State replay(List<Outcome> outcomes) {
		State state = null;
		for (Outcome outcome : outcomes) {
			state = next(state, outcome);
		}
		return state;
	}

}
