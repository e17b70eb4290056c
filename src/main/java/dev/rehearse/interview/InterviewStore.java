package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.examiner.Verdict;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Interview rows in PostgreSQL, through R2DBC with bound parameters only; an interview ends only
 * from {@code IN_PROGRESS}, by a conditional update.
 */
@Component
class InterviewStore {

	private final DatabaseClient database;

	private final InterviewRows rows;

	InterviewStore(DatabaseClient database, InterviewRows rows) {
		this.database = database;
		this.rows = rows;
	}

	Mono<Void> insert(Interview interview) {
		return this.database.sql("""
				insert into interview (id, user_id, bank_id, bank_title, language, mode, status, question_ids,
				                       categories, examiner_kind, examiner_provider, examiner_model, style)
				values (:id, :user, :bank, :title, :language, :mode, :status, :questions, :categories, :kind,
				        :provider, :model, :style)""")
			.bind("id", interview.id())
			.bind("user", interview.userId())
			.bind("bank", interview.bankId())
			.bind("title", interview.bankTitle())
			.bind("language", interview.language())
			.bind("mode", interview.mode())
			.bind("status", interview.status().name())
			.bind("questions", this.rows.toJson(interview.questionIds()))
			.bind("categories", this.rows.toJson(interview.categories()))
			.bind("kind", interview.examiner().kind())
			.bind("provider", interview.examiner().provider())
			.bind("model", interview.examiner().model())
			.bind("style", interview.style().id())
			.then();
	}

	/**
	 * The interview with all its turns in order, in one statement, only if it belongs to the user.
	 */
	Mono<Loaded> loadOwned(UUID id, long userId) {
		return load(this.database.sql("select " + InterviewRows.INTERVIEW_COLUMNS + """
				, t.* from interview i left join turn t on t.interview_id = i.id
				where i.id = :id and i.user_id = :user order by t.position""").bind("id", id).bind("user", userId));
	}

	/**
	 * As {@link #loadOwned}, for grading an answer: the turns without what grading never reads of
	 * them (the feedback, verdict and delivery stored for earlier answers, {@link Turn}'s fields
	 * null), which were most of the decoding of an answer's load. Not for a view or a report.
	 */
	Mono<Loaded> loadOwnedForGrading(UUID id, long userId) {
		return load(this.database.sql("select " + InterviewRows.INTERVIEW_COLUMNS + ", " + InterviewRows.TURN_COLUMNS_FOR_GRADING + """
				 from interview i left join turn t on t.interview_id = i.id
				where i.id = :id and i.user_id = :user order by t.position""").bind("id", id).bind("user", userId));
	}

	/** As {@link #loadOwnedForGrading}, whoever owns the interview: for a grading taken from the queue. */
	Mono<Loaded> loadForGrading(UUID id) {
		return load(this.database.sql("select " + InterviewRows.INTERVIEW_COLUMNS + ", " + InterviewRows.TURN_COLUMNS_FOR_GRADING + """
				 from interview i left join turn t on t.interview_id = i.id
				where i.id = :id order by t.position""").bind("id", id));
	}

	/** The interview with all its turns in order, in one statement. */
	Mono<Loaded> load(UUID id) {
		return load(this.database.sql("select " + InterviewRows.INTERVIEW_COLUMNS + """
				, t.* from interview i left join turn t on t.interview_id = i.id
				where i.id = :id order by t.position""").bind("id", id));
	}

	/**
	 * The interview with all its turns, with its row locked until the caller's transaction ends:
	 * whoever ends it, adds a turn, stores a verdict or deletes it waits, so a report is made from
	 * turns nobody changes.
	 */
	Mono<Loaded> loadLocked(UUID id) {
		return load(this.database.sql("select " + InterviewRows.INTERVIEW_COLUMNS + """
				, t.* from interview i left join turn t on t.interview_id = i.id
				where i.id = :id order by t.position for update of i""").bind("id", id));
	}

	private Mono<Loaded> load(DatabaseClient.GenericExecuteSpec query) {
		return Mono.defer(() -> {
			// the interview's columns repeat on every row: read them once
			AtomicReference<Interview> interview = new AtomicReference<>();
			return query.map((row) -> {
				if (interview.get() == null) {
					interview.set(this.rows.prefixedInterview(row, "i_"));
				}
				return (row.get("id", UUID.class) != null) ? Optional.of(this.rows.turn(row))
						: Optional.<Turn>empty();
			})
				.all()
				.flatMap(Mono::justOrEmpty)
				.collectList()
				.flatMap((turns) -> Mono.justOrEmpty(interview.get()).map((found) -> new Loaded(found, turns)));
		});
	}

	/**
	 * An interview and its turns, in order, as read together.
	 *
	 * @param interview the interview
	 * @param turns its turns
	 */
	record Loaded(Interview interview, List<Turn> turns) {

		/** The turn with this id, or null. */
		Turn turn(UUID turnId) {
			return this.turns.stream().filter((turn) -> turn.id().equals(turnId)).findFirst().orElse(null);
		}

		/** The same, with {@code changed} in place of the turn of the same id. */
		Loaded with(Turn changed) {
			return new Loaded(this.interview,
					this.turns.stream().map((turn) -> turn.id().equals(changed.id()) ? changed : turn).toList());
		}

	}

	/** Ends an interview that is still in progress; false when it no longer was. */
	Mono<Boolean> end(UUID id, InterviewStatus status, Report report) {
		return this.database.sql("""
				update interview set status = :status, report = :report, finished_at = now(), updated_at = now()
				where id = :id and status = :from""")
			.bind("id", id)
			.bind("status", status.name())
			.bind("report", this.rows.toJson(report))
			.bind("from", InterviewStatus.IN_PROGRESS.name())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Mono<Void> updateReport(UUID id, Report report) {
		return this.database.sql("update interview set report = :report where id = :id")
			.bind("id", id)
			.bind("report", this.rows.toJson(report))
			.then();
	}

	Mono<Boolean> delete(UUID id, long userId) {
		return this.database.sql("delete from interview where id = :id and user_id = :user")
			.bind("id", id)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Interviews in progress that nobody touched for {@code idle}. */
	Flux<UUID> findIdle(Duration idle, int limit) {
		return this.database.sql("""
				select id from interview where status = :inProgress and updated_at < now() - make_interval(secs => :idle)
				order by updated_at limit :limit""")
			.bind("idle", (double) idle.toSeconds())
			.bind("inProgress", InterviewStatus.IN_PROGRESS.name())
			.bind("limit", limit)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/**
	 * One page of a user's interviews, newest first, with answers counted and the mean score of
	 * the graded answers (0–100) for those without a report yet.
	 */
	Flux<Summary> list(long userId, int page, int size) {
		return this.database.sql("""
				select i.*,
				       (select count(*) from turn t where t.interview_id = i.id and t.answered_at is not null) as answered,
				       (select round(avg(t.score) * 10) from turn t where t.interview_id = i.id and t.status = :graded) as live_score
				from interview i where i.user_id = :user
				order by i.created_at desc, i.id limit :size offset :offset""")
			.bind("user", userId)
			.bind("size", size)
			.bind("graded", TurnStatus.GRADED.name())
			.bind("offset", (long) page * size)
			.map((row) -> {
				Number live = row.get("live_score", Number.class);
				return new Summary(this.rows.interview(row), row.get("answered", Long.class).intValue(),
						(live != null) ? live.intValue() : null);
			})
			.all();
	}

	Mono<Long> count(long userId) {
		return this.database.sql("select count(*) from interview where user_id = :user")
			.bind("user", userId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * @param interview the interview
	 * @param answered turns answered
	 * @param liveScore mean score of graded answers, 0–100, or null
	 */
	record Summary(Interview interview, int answered, Integer liveScore) {
	}

}
