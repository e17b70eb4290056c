package dev.rehearse.review;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * A candidate's spaced-review schedule: every question they were graded on, its SM-2 state and
 * when it is due again. Always one user's own; nobody else's outcomes are read.
 */
@Component
public class Reviews {

	private final ReviewStore store;

	Reviews(ReviewStore store) {
		this.store = store;
	}

	/** Every question the user was graded on, soonest due first. */
	Mono<List<Mastery>> mastery(long userId) {
		return this.store.questions(userId).map((question) -> {
			ReviewSchedule.State state = ReviewSchedule.replay(question.outcomes());
			return new Mastery(question.bankId(), question.bankTitle(), question.questionId(), question.text(),
					question.category(), state.lastScore(), state.repetitions(), state.ease(), state.intervalDays(),
					state.reviews(), state.reviewedAt(), state.due());
		})
			.collectSortedList(Comparator.comparing(Mastery::dueAt)
				.thenComparing(Mastery::bankId)
				.thenComparing(Mastery::title));
	}

	/**
	 * The user's questions due by {@code now}, most overdue first, and when the next one not yet
	 * due comes due; in {@code bankId} only, when not null.
	 */
	public Mono<Agenda> agenda(long userId, String bankId, Instant now) {
		return mastery(userId).map((all) -> {
			List<Mastery> mine = all.stream()
				.filter((question) -> bankId == null || bankId.equals(question.bankId()))
				.toList();
			List<Mastery> due = mine.stream().filter((question) -> !question.dueAt().isAfter(now)).toList();
			Instant next = mine.stream().map(Mastery::dueAt).filter((at) -> at.isAfter(now)).findFirst().orElse(null);
			return new Agenda(due, next);
		});
	}

	/**
	 * What is due for review.
	 *
	 * @param due the questions due now, most overdue first
	 * @param nextDueAt when the next question not yet due comes due, or null
	 */
	public record Agenda(List<Mastery> due, Instant nextDueAt) {
	}

	/**
	 * How well a candidate knows one question, by the SM-2 schedule.
	 *
	 * @param bankId the bank
	 * @param bankTitle the bank's title
	 * @param questionId the question
	 * @param title the question's text
	 * @param category its category
	 * @param lastScore the last review's score (0–10; follow-ups included)
	 * @param repetitions passing reviews in a row
	 * @param ease the SM-2 ease factor (at least 1.3)
	 * @param intervalDays days between the last review and the next
	 * @param reviews interviews the question was graded in
	 * @param lastReviewedAt the last review
	 * @param dueAt when it is due again
	 */
	public record Mastery(String bankId, String bankTitle, UUID questionId, String title, String category,
			double lastScore, int repetitions, double ease, int intervalDays, int reviews, Instant lastReviewedAt,
			Instant dueAt) {
	}

}
