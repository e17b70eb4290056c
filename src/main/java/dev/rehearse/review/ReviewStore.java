package dev.rehearse.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads a candidate's review outcomes (written with each verdict, see {@code TurnStore}) with the
 * question they are about. Questions no longer asked (retired, or their bank deleted) drop out.
 */
@Component
class ReviewStore {

	private final DatabaseClient database;

	ReviewStore(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The user's questions, each with its outcomes oldest first. One row per question (the
	 * outcomes as arrays), so a long history costs its numbers, not a row each with the question's
	 * text again.
	 */
	Flux<Question> questions(long userId) {
		return this.database.sql("""
				select o.bank_id, b.title as bank_title, o.question_id, q.text, c.name as category,
				       array_agg(o.score_sum order by o.reviewed_at) as score_sums,
				       array_agg(o.answers order by o.reviewed_at) as answers,
				       array_agg(extract(epoch from o.reviewed_at)::float8 order by o.reviewed_at) as reviewed_at
				from review_outcome o
				join question q on q.id = o.question_id and q.bank_id = o.bank_id and not q.retired
				join category c on c.id = q.category_id
				join bank b on b.id = o.bank_id
				where o.user_id = :user
				group by o.bank_id, b.title, o.question_id, q.text, c.name""")
			.bind("user", userId)
			.map((row) -> {
				Double[] sums = row.get("score_sums", Double[].class);
				Integer[] answers = row.get("answers", Integer[].class);
				Double[] at = row.get("reviewed_at", Double[].class);
				List<ReviewSchedule.Outcome> outcomes = new ArrayList<>(sums.length);
				for (int i = 0; i < sums.length; i++) {
					outcomes.add(new ReviewSchedule.Outcome(sums[i], answers[i],
							Instant.ofEpochMilli(Math.round(at[i] * 1000))));
				}
				return new Question(row.get("bank_id", String.class), row.get("bank_title", String.class),
						row.get("question_id", UUID.class), row.get("text", String.class),
						row.get("category", String.class), outcomes);
			})
			.all();
	}

	/**
	 * A question the user was graded on.
	 *
	 * @param bankId the bank
	 * @param bankTitle the bank's title now
	 * @param questionId the question
	 * @param text the question's text now
	 * @param category its category
	 * @param outcomes how it went in each interview, oldest first
	 */
	record Question(String bankId, String bankTitle, UUID questionId, String text, String category,
			List<ReviewSchedule.Outcome> outcomes) {
	}

}
