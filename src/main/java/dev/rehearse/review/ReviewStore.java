package dev.rehearse.review;

import java.time.OffsetDateTime;
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

	/** The user's outcomes, grouped by bank and question, oldest first within each. */
	Flux<Row> outcomes(long userId) {
		return this.database.sql("""
				select o.bank_id, b.title as bank_title, o.question_id, q.text, c.name as category,
				       o.score_sum, o.answers, o.reviewed_at
				from review_outcome o
				join question q on q.id = o.question_id and q.bank_id = o.bank_id and not q.retired
				join category c on c.id = q.category_id
				join bank b on b.id = o.bank_id
				where o.user_id = :user
				order by o.bank_id, o.question_id, o.reviewed_at""")
			.bind("user", userId)
			.map((row) -> new Row(row.get("bank_id", String.class), row.get("bank_title", String.class),
					row.get("question_id", UUID.class), row.get("text", String.class), row.get("category", String.class),
					new ReviewSchedule.Outcome(row.get("score_sum", Double.class), row.get("answers", Integer.class),
							row.get("reviewed_at", OffsetDateTime.class).toInstant())))
			.all();
	}

	/**
	 * One outcome with its question.
	 *
	 * @param bankId the bank
	 * @param bankTitle the bank's title now
	 * @param questionId the question
	 * @param text the question's text now
	 * @param category its category
	 * @param outcome how it went in one interview
	 */
	record Row(String bankId, String bankTitle, UUID questionId, String text, String category,
			ReviewSchedule.Outcome outcome) {
	}

}
