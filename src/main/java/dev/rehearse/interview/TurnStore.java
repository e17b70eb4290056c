package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.examiner.Verdict;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Turns in PostgreSQL, through R2DBC with bound parameters only. Every change of a turn's state is
 * a conditional update on the state it moves from (and, while grading, on the grading's lease),
 * so two requests or two instances can never both make the same move. Statuses are bound from
 * {@link TurnStatus} and {@link InterviewStatus}, never written into the SQL.
 */
@Component
class TurnStore {

	private final DatabaseClient database;

	private final InterviewRows rows;

	TurnStore(DatabaseClient database, InterviewRows rows) {
		this.database = database;
		this.rows = rows;
	}

	/**
	 * Adds a turn while its interview is in progress; false when another turn already holds its
	 * position (someone else advanced first) or the interview has ended or is gone. The interview's
	 * row is locked first, so a finish or a delete running at the same time goes strictly before
	 * (then no turn is added) or after: an ended interview never gets a new question.
	 */
	Mono<Boolean> insert(Turn turn) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				with live as (
				    select id from interview where id = :interview and status = :inProgress for update),
				added as (
				    insert into turn (id, interview_id, position, question_id, category, kind, parent_turn_id,
				                      spoken_text, question_text, reference_answer, key_points, status, origin)
				    select :id, live.id, :position, :question, :category, :kind, :parent, :spoken, :text,
				           :reference, :keyPoints, :status, :origin
				    from live
				    on conflict (interview_id, position) do nothing
				    returning interview_id)
				update interview set updated_at = now() where id in (select interview_id from added)""")
			.bind("id", turn.id())
			.bind("interview", turn.interviewId())
			.bind("inProgress", InterviewStatus.IN_PROGRESS.name());
		spec = InterviewRows.nullable(spec, "parent", turn.parentTurnId(), UUID.class);
		return spec
			.bind("position", turn.position())
			.bind("question", turn.questionId())
			.bind("category", turn.category())
			.bind("kind", turn.kind().name())
			.bind("spoken", turn.spokenText())
			.bind("text", turn.questionText())
			.bind("reference", turn.referenceAnswer())
			.bind("keyPoints", this.rows.toJson(turn.keyPoints()))
			.bind("status", turn.status().name())
			.bind("origin", turn.origin())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Flux<Turn> findTurns(UUID interviewId) {
		return this.database.sql("select * from turn where interview_id = :interview order by position")
			.bind("interview", interviewId)
			.map(this.rows::turn)
			.all();
	}

	Mono<Turn> findTurn(UUID interviewId, UUID turnId) {
		return this.database.sql("select * from turn where id = :id and interview_id = :interview")
			.bind("id", turnId)
			.bind("interview", interviewId)
			.map(this.rows::turn)
			.one();
	}

	/**
	 * Saves the answer and starts grading under {@code lease}, only if the turn was still waiting
	 * for its answer, the interview is in progress and {@code allowance} grants the owner a
	 * grading, all in one statement (so no transaction is needed around it). The result holds the
	 * turn as saved; or, not saved, whether the allowance refused it; otherwise the turn or its
	 * interview had moved on.
	 * <p>
	 * The allowance's update locks the owner's row before the turn's: a second answer to the same
	 * turn at the same moment waits, then finds it answered. That answer still counts against the
	 * allowance, as a request; nothing else of it is stored.
	 */
	Mono<SavedAnswer> saveAnswer(UUID interviewId, UUID turnId, Turn.Answer answer, Delivery delivery, UUID lease,
			GradingAllowance allowance) {
		String owner = "select user_id from answerable";
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				with answerable as (
				    select i.user_id from interview i join turn t on t.interview_id = i.id
				    where i.id = :interview and i.status = :inProgress and t.id = :id and t.status = :asked),
				%s,
				saved as (
				    update turn set status = :grading, answer_text = :text, input_mode = :mode,
				                    duration_seconds = :duration, answered_at = now(), delivery = :delivery,
				                    grading_lease = :lease, grading_started_at = now(), attempts = attempts + 1
				    where id = :id and interview_id = :interview and status = :asked and exists (select 1 from granted)
				    returning *),
				touched as (update interview set updated_at = now() where id = :interview and exists (select 1 from saved))
				select saved.*, (select count(*) from answerable) as answerable, (select count(*) from granted) as granted, %s
				from (values (1)) one left join saved on true""".formatted(GradingAllowance.granting(owner),
				GradingAllowance.waitColumn(owner)))
			.bind("id", turnId)
			.bind("interview", interviewId)
			.bind("text", answer.text())
			.bind("mode", answer.inputMode())
			.bind("delivery", this.rows.toJson(delivery))
			.bind("lease", lease)
			.bind("grading", TurnStatus.GRADING.name())
			.bind("asked", TurnStatus.ASKED.name())
			.bind("inProgress", InterviewStatus.IN_PROGRESS.name());
		return allowance.bind(InterviewRows.nullable(spec, "duration", answer.durationSeconds(), Double.class))
			.map((row) -> {
				if (row.get("id", UUID.class) != null) {
					return new SavedAnswer(this.rows.turn(row), false, Double.NaN);
				}
				boolean refused = row.get("answerable", Long.class) > 0 && row.get("granted", Long.class) == 0;
				Number wait = row.get("allowance_wait", Number.class);
				return new SavedAnswer(null, refused, (wait != null) ? wait.doubleValue() : Double.NaN);
			})
			.one();
	}

	/**
	 * What {@link #saveAnswer} did.
	 *
	 * @param turn the turn as saved, or null when the answer was not saved
	 * @param refused not saved because the owner's allowance was used up
	 * @param allowanceWait then the seconds until it grants another grading, as the statement read
	 * them (NaN when it could not: see {@link GradingAllowance#refusal})
	 */
	record SavedAnswer(Turn turn, boolean refused, double allowanceWait) {
	}

	/**
	 * Skips a follow-up still waiting for its answer in an interview in progress; empty when it is
	 * not one (any more): answered, skipped, or the interview ended in the meantime.
	 */
	Mono<Turn> skip(UUID interviewId, UUID turnId) {
		return this.database.sql("""
				with skipped as (
				    update turn set status = :skipped
				    where id = :id and interview_id = :interview and kind = :followUp and status = :asked
				      and exists (select 1 from interview i where i.id = :interview and i.status = :inProgress)
				    returning *),
				touched as (update interview set updated_at = now() where id = :interview and exists (select 1 from skipped))
				select * from skipped""")
			.bind("id", turnId)
			.bind("interview", interviewId)
			.bind("skipped", TurnStatus.SKIPPED.name())
			.bind("asked", TurnStatus.ASKED.name())
			.bind("followUp", TurnKind.FOLLOW_UP.name())
			.bind("inProgress", InterviewStatus.IN_PROGRESS.name())
			.map(this.rows::turn)
			.one();
	}

	/**
	 * Takes a failed grading, or one left unfinished for longer than {@code staleAfter}, under a
	 * new lease. Empty when the turn is in neither state (graded, or being graded right now).
	 * Locks the owner's row like {@link #saveAnswer}.
	 */
	Mono<Turn> claimForRegrade(UUID interviewId, UUID turnId, Duration staleAfter, UUID lease) {
		return this.database.sql("""
				with owner as (
				    select u.id from app_user u join interview i on i.user_id = u.id where i.id = :interview
				    for update of u)
				update turn set status = :grading, grading_lease = :lease, grading_started_at = now(),
				                attempts = attempts + 1, last_error = null
				where id = :id and interview_id = :interview and exists (select 1 from owner)
				  and (status = :failed or (status = :grading and grading_started_at < now() - make_interval(secs => :stale)))
				returning *""")
			.bind("grading", TurnStatus.GRADING.name())
			.bind("failed", TurnStatus.FAILED.name())
			.bind("id", turnId)
			.bind("interview", interviewId)
			.bind("lease", lease)
			.bind("stale", (double) staleAfter.toSeconds())
			.map(this.rows::turn)
			.one();
	}

	/**
	 * Claims up to {@code limit} turns for the background sweep: gradings left unfinished for
	 * longer than {@code staleAfter}, and failed ones not retried for as long, with fewer than
	 * {@code maxAttempts} attempts. {@code FOR UPDATE SKIP LOCKED} and the new lease keep two
	 * instances from grading the same turn.
	 */
	Flux<Claimed> claimForSweep(Duration staleAfter, int maxAttempts, int limit) {
		return this.database.sql("""
				update turn set status = :grading, grading_lease = gen_random_uuid(), grading_started_at = now(),
				                attempts = attempts + 1
				where id in (
				    select id from turn
				    where status in (:grading, :failed) and attempts < :maxAttempts
				      and grading_started_at < now() - make_interval(secs => :stale)
				    order by grading_started_at
				    limit :limit
				    for update skip locked)
				returning *""")
			.bind("stale", (double) staleAfter.toSeconds())
			.bind("maxAttempts", maxAttempts)
			.bind("grading", TurnStatus.GRADING.name())
			.bind("failed", TurnStatus.FAILED.name())
			.bind("limit", limit)
			.map((row) -> new Claimed(this.rows.turn(row), row.get("grading_lease", UUID.class)))
			.all();
	}

	/**
	 * A turn claimed for grading.
	 *
	 * @param turn the turn
	 * @param lease the grading's lease
	 */
	record Claimed(Turn turn, UUID lease) {
	}

	/**
	 * Stores the verdict if {@code lease} still holds the grading and, in the same statement, opens
	 * {@code next} (when not null) if the interview is still in progress and nobody placed a turn
	 * at its position first. The interview's row is locked: a finish computing its report (which
	 * holds that row) sees the verdict or is followed by it, and a delete leaves nothing to store
	 * into. The same statement adds the score to how the question went in this interview for
	 * spaced review ({@code review_outcome}; a follow-up counts toward its question), so review
	 * costs the answer no statement of its own.
	 */
	Mono<Stored> storeVerdict(UUID turnId, UUID lease, String feedback, Verdict verdict, Turn next) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				with live as (
				    select i.id, i.status, i.user_id, i.bank_id from interview i join turn t on t.interview_id = i.id
				    where t.id = :id for update of i),
				graded as (
				    update turn set status = :graded, feedback = :feedback, verdict = :verdict, score = :score,
				                    graded_at = now(), grading_lease = null, last_error = null
				    where id = :id and status = :grading and grading_lease = :lease
				      and interview_id in (select id from live)
				    returning interview_id, question_id),
				reviewed as (
				    insert into review_outcome (user_id, bank_id, question_id, interview_id, score_sum, answers)
				    select l.user_id, l.bank_id, g.question_id, g.interview_id, :score, 1
				    from graded g join live l on l.id = g.interview_id
				    on conflict (user_id, bank_id, question_id, interview_id)
				    do update set score_sum = review_outcome.score_sum + excluded.score_sum,
				                  answers = review_outcome.answers + 1),
				added as (
				    insert into turn (id, interview_id, position, question_id, category, kind, parent_turn_id,
				                      spoken_text, question_text, reference_answer, key_points, status, origin)
				    select :nextId, g.interview_id, :position, :question, :category, :kind, :parent, :spoken, :text,
				           :reference, :keyPoints, :asked, :origin
				    from graded g join live l on l.id = g.interview_id
				    where :open and l.status = :inProgress
				    on conflict (interview_id, position) do nothing
				    returning interview_id),
				touched as (update interview set updated_at = now() where id in (select interview_id from added))
				select (select count(*) from graded) as graded, (select count(*) from added) as added,
				       (select status from live) as status""")
			.bind("graded", TurnStatus.GRADED.name())
			.bind("grading", TurnStatus.GRADING.name())
			.bind("asked", TurnStatus.ASKED.name())
			.bind("inProgress", InterviewStatus.IN_PROGRESS.name())
			.bind("id", turnId)
			.bind("lease", lease)
			.bind("feedback", feedback)
			.bind("verdict", this.rows.toJson(verdict))
			.bind("score", verdict.score())
			.bind("open", next != null);
		spec = InterviewRows.nullable(spec, "nextId", (next != null) ? next.id() : null, UUID.class);
		spec = InterviewRows.nullable(spec, "position", (next != null) ? next.position() : null, Integer.class);
		spec = InterviewRows.nullable(spec, "question", (next != null) ? next.questionId() : null, UUID.class);
		spec = InterviewRows.nullable(spec, "category", (next != null) ? next.category() : null, String.class);
		spec = InterviewRows.nullable(spec, "kind", (next != null) ? next.kind().name() : null, String.class);
		spec = InterviewRows.nullable(spec, "parent", (next != null) ? next.parentTurnId() : null, UUID.class);
		spec = InterviewRows.nullable(spec, "spoken", (next != null) ? next.spokenText() : null, String.class);
		spec = InterviewRows.nullable(spec, "text", (next != null) ? next.questionText() : null, String.class);
		spec = InterviewRows.nullable(spec, "reference", (next != null) ? next.referenceAnswer() : null, String.class);
		spec = InterviewRows.nullable(spec, "keyPoints", (next != null) ? this.rows.toJson(next.keyPoints()) : null,
				io.r2dbc.postgresql.codec.Json.class);
		spec = InterviewRows.nullable(spec, "origin", (next != null) ? next.origin() : null, String.class);
		return spec.map((row) -> {
			String status = row.get("status", String.class);
			return new Stored(row.get("graded", Long.class) > 0, row.get("added", Long.class) > 0,
					(status != null) ? InterviewStatus.valueOf(status) : null);
		}).one();
	}

	/**
	 * What {@link #storeVerdict} did.
	 *
	 * @param graded whether the verdict was stored (the lease still held the grading)
	 * @param added whether the next turn was opened
	 * @param status the interview's status now, or null when it was deleted
	 */
	record Stored(boolean graded, boolean added, InterviewStatus status) {
	}

	/** Marks the grading failed if {@code lease} still holds it. */
	Mono<Boolean> markFailed(UUID turnId, UUID lease, String error, String partialFeedback) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				update turn set status = :failed, last_error = :error, feedback = :feedback, grading_lease = null
				where id = :id and status = :grading and grading_lease = :lease""")
			.bind("grading", TurnStatus.GRADING.name())
			.bind("failed", TurnStatus.FAILED.name())
			.bind("id", turnId)
			.bind("lease", lease)
			.bind("error", error);
		return InterviewRows.nullable(spec, "feedback", (partialFeedback != null && !partialFeedback.isEmpty()) ? partialFeedback : null,
					String.class)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	// ---- the grading queue (admission control)

	/** Puts a saved answer, whose grading {@code lease} holds, at the end of the grading queue. */
	Mono<Void> enqueue(UUID turnId, UUID lease) {
		return this.database.sql("insert into grading_queue (turn_id, lease) values (:turn, :lease)")
			.bind("turn", turnId)
			.bind("lease", lease)
			.then();
	}

	/**
	 * Takes the oldest queued answer whose lease still holds its grading, restarting the grading's
	 * clock; empty when the queue is empty (or its head was taken over by the sweep meanwhile).
	 */
	Mono<Claimed> dequeue() {
		return this.database.sql("""
				with head as (
				    select turn_id from grading_queue order by seq limit 1 for update skip locked),
				taken as (
				    delete from grading_queue q using head where q.turn_id = head.turn_id returning q.turn_id, q.lease)
				update turn t set grading_started_at = now() from taken
				where t.id = taken.turn_id and t.status = :grading and t.grading_lease = taken.lease
				returning t.*""")
			.bind("grading", TurnStatus.GRADING.name())
			.map((row) -> new Claimed(this.rows.turn(row), row.get("grading_lease", UUID.class)))
			.one();
	}

	/**
	 * The places in the queue (1 is next) of those of {@code turnIds} still queued, and the
	 * queue's length.
	 */
	Mono<QueuePlaces> queuePlaces(List<UUID> turnIds) {
		return this.database.sql("""
				select q.turn_id, q.place, q.total from (
				    select turn_id, row_number() over (order by seq) as place, count(*) over () as total
				    from grading_queue) q
				where q.turn_id = any(:ids)
				union all
				select null, null, count(*) from grading_queue""")
			.bind("ids", turnIds.toArray(new UUID[0]))
			.map((row) -> new Object[] { row.get("turn_id", UUID.class), row.get("place", Long.class),
					row.get("total", Long.class) })
			.all()
			.collectList()
			.map((rows) -> {
				java.util.Map<UUID, Integer> places = new java.util.HashMap<>();
				long total = 0;
				for (Object[] row : rows) {
					if (row[0] == null) {
						total = (Long) row[2];
					}
					else {
						places.put((UUID) row[0], ((Long) row[1]).intValue());
					}
				}
				return new QueuePlaces(places, total);
			});
	}

	/**
	 * @param places each queued turn's place, 1 first
	 * @param total answers queued on all instances
	 */
	record QueuePlaces(java.util.Map<UUID, Integer> places, long total) {
	}

	/** The turns with these ids (any interview). */
	Flux<Turn> findTurns(List<UUID> turnIds) {
		return this.database.sql("select * from turn where id = any(:ids)")
			.bind("ids", turnIds.toArray(new UUID[0]))
			.map(this.rows::turn)
			.all();
	}

}
