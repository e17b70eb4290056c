package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Interviews and turns in PostgreSQL, through R2DBC with bound parameters only. Every change of a
 * turn's state is a conditional update on the state it moves from (and, while grading, on the
 * grading's lease), so two requests or two instances can never both make the same move.
 */
@Component
class InterviewStore {

	private static final TypeReference<List<KeyPoint>> KEY_POINTS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {
	};

	private final DatabaseClient database;

	private final JsonMapper json;

	InterviewStore(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	// ---- interviews

	Mono<Void> insert(Interview interview) {
		return this.database.sql("""
				insert into interview (id, user_id, bank_id, bank_title, language, mode, status, question_ids,
				                       categories, examiner_kind, examiner_provider, examiner_model)
				values (:id, :user, :bank, :title, :language, :mode, :status, :questions, :categories, :kind,
				        :provider, :model)""")
			.bind("id", interview.id())
			.bind("user", interview.userId())
			.bind("bank", interview.bankId())
			.bind("title", interview.bankTitle())
			.bind("language", interview.language())
			.bind("mode", interview.mode())
			.bind("status", interview.status().name())
			.bind("questions", toJson(interview.questionIds()))
			.bind("categories", toJson(interview.categories()))
			.bind("kind", interview.examiner().kind())
			.bind("provider", interview.examiner().provider())
			.bind("model", interview.examiner().model())
			.then();
	}

	/** The interview, only if it belongs to the user: anybody else's is as absent as a missing one. */
	Mono<Interview> findInterview(UUID id, long userId) {
		return this.database.sql("select * from interview where id = :id and user_id = :user")
			.bind("id", id)
			.bind("user", userId)
			.map(this::interview)
			.one();
	}

	/**
	 * The interview with its row locked until the caller's transaction ends: whoever ends it, adds a
	 * turn, stores a verdict or deletes it waits, so its report is made from turns nobody changes.
	 */
	Mono<Interview> lock(UUID id) {
		return this.database.sql("select * from interview where id = :id for update")
			.bind("id", id)
			.map(this::interview)
			.one();
	}

	Mono<Interview> findInterview(UUID id) {
		return this.database.sql("select * from interview where id = :id").bind("id", id).map(this::interview).one();
	}

	/** Ends an interview that is still in progress; false when it no longer was. */
	Mono<Boolean> end(UUID id, InterviewStatus status, Report report) {
		return this.database.sql("""
				update interview set status = :status, report = :report, finished_at = now(), updated_at = now()
				where id = :id and status = :from""")
			.bind("id", id)
			.bind("status", status.name())
			.bind("report", toJson(report))
			.bind("from", InterviewStatus.IN_PROGRESS.name())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Mono<Void> updateReport(UUID id, Report report) {
		return this.database.sql("update interview set report = :report where id = :id")
			.bind("id", id)
			.bind("report", toJson(report))
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
				select id from interview where status = 'IN_PROGRESS' and updated_at < now() - make_interval(secs => :idle)
				order by updated_at limit :limit""")
			.bind("idle", (double) idle.toSeconds())
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
				       (select round(avg(t.score) * 10) from turn t where t.interview_id = i.id and t.status = 'GRADED') as live_score
				from interview i where i.user_id = :user
				order by i.created_at desc, i.id limit :size offset :offset""")
			.bind("user", userId)
			.bind("size", size)
			.bind("offset", (long) page * size)
			.map((row) -> {
				Number live = row.get("live_score", Number.class);
				return new Summary(interview(row), row.get("answered", Long.class).intValue(),
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

	// ---- turns

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
				                      spoken_text, question_text, reference_answer, key_points, status)
				    select :id, live.id, :position, :question, :category, :kind, :parent, :spoken, :text,
				           :reference, :keyPoints, :status
				    from live
				    on conflict (interview_id, position) do nothing
				    returning interview_id)
				update interview set updated_at = now() where id in (select interview_id from added)""")
			.bind("id", turn.id())
			.bind("interview", turn.interviewId())
			.bind("inProgress", InterviewStatus.IN_PROGRESS.name());
		spec = nullable(spec, "parent", turn.parentTurnId(), UUID.class);
		return spec
			.bind("position", turn.position())
			.bind("question", turn.questionId())
			.bind("category", turn.category())
			.bind("kind", turn.kind().name())
			.bind("spoken", turn.spokenText())
			.bind("text", turn.questionText())
			.bind("reference", turn.referenceAnswer())
			.bind("keyPoints", toJson(turn.keyPoints()))
			.bind("status", turn.status().name())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Flux<Turn> findTurns(UUID interviewId) {
		return this.database.sql("select * from turn where interview_id = :interview order by position")
			.bind("interview", interviewId)
			.map(this::turn)
			.all();
	}

	Mono<Turn> findTurn(UUID interviewId, UUID turnId) {
		return this.database.sql("select * from turn where id = :id and interview_id = :interview")
			.bind("id", turnId)
			.bind("interview", interviewId)
			.map(this::turn)
			.one();
	}

	/**
	 * Saves the answer and starts grading under {@code lease}, only if the turn was still waiting
	 * for its answer and the interview is in progress. Returns when the answer was saved.
	 */
	Mono<Instant> saveAnswer(UUID interviewId, UUID turnId, Turn.Answer answer, Delivery delivery, UUID lease) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				with saved as (
				    update turn set status = 'GRADING', answer_text = :text, input_mode = :mode,
				                    duration_seconds = :duration, answered_at = now(), delivery = :delivery,
				                    grading_lease = :lease, grading_started_at = now(), attempts = attempts + 1
				    where id = :id and interview_id = :interview and status = 'ASKED'
				      and exists (select 1 from interview i where i.id = :interview and i.status = 'IN_PROGRESS')
				    returning answered_at),
				touched as (update interview set updated_at = now() where id = :interview and exists (select 1 from saved))
				select answered_at from saved""")
			.bind("id", turnId)
			.bind("interview", interviewId)
			.bind("text", answer.text())
			.bind("mode", answer.inputMode())
			.bind("delivery", toJson(delivery))
			.bind("lease", lease);
		return nullable(spec, "duration", answer.durationSeconds(), Double.class).map((row) -> instant(row, "answered_at"))
			.one();
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
			.map(this::turn)
			.one();
	}

	/**
	 * Takes a failed grading, or one left unfinished for longer than {@code staleAfter}, under a
	 * new lease. Empty when the turn is in neither state (graded, or being graded right now).
	 */
	Mono<Turn> claimForRegrade(UUID interviewId, UUID turnId, Duration staleAfter, UUID lease) {
		return this.database.sql("""
				update turn set status = 'GRADING', grading_lease = :lease, grading_started_at = now(),
				                attempts = attempts + 1, last_error = null
				where id = :id and interview_id = :interview
				  and (status = 'FAILED' or (status = 'GRADING' and grading_started_at < now() - make_interval(secs => :stale)))
				returning *""")
			.bind("id", turnId)
			.bind("interview", interviewId)
			.bind("lease", lease)
			.bind("stale", (double) staleAfter.toSeconds())
			.map(this::turn)
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
				update turn set status = 'GRADING', grading_lease = gen_random_uuid(), grading_started_at = now(),
				                attempts = attempts + 1
				where id in (
				    select id from turn
				    where status in ('GRADING', 'FAILED') and attempts < :maxAttempts
				      and grading_started_at < now() - make_interval(secs => :stale)
				    order by grading_started_at
				    limit :limit
				    for update skip locked)
				returning *""")
			.bind("stale", (double) staleAfter.toSeconds())
			.bind("maxAttempts", maxAttempts)
			.bind("limit", limit)
			.map((row) -> new Claimed(turn(row), row.get("grading_lease", UUID.class)))
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

	/** Stores the verdict if {@code lease} still holds the grading; false otherwise. */
	Mono<Boolean> storeVerdict(UUID turnId, UUID lease, String feedback, Verdict verdict) {
		// the interview's row is share-locked: a finish computing its report (which holds that row)
		// sees the verdict or is followed by it, and a delete leaves nothing to store into
		return this.database.sql("""
				with live as (
				    select i.id from interview i join turn t on t.interview_id = i.id where t.id = :id for share of i)
				update turn set status = :graded, feedback = :feedback, verdict = :verdict, score = :score,
				                graded_at = now(), grading_lease = null, last_error = null
				where id = :id and status = :grading and grading_lease = :lease and interview_id in (select id from live)""")
			.bind("graded", TurnStatus.GRADED.name())
			.bind("grading", TurnStatus.GRADING.name())
			.bind("id", turnId)
			.bind("lease", lease)
			.bind("feedback", feedback)
			.bind("verdict", toJson(verdict))
			.bind("score", verdict.score())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Marks the grading failed if {@code lease} still holds it. */
	Mono<Boolean> markFailed(UUID turnId, UUID lease, String error, String partialFeedback) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				update turn set status = 'FAILED', last_error = :error, feedback = :feedback, grading_lease = null
				where id = :id and status = 'GRADING' and grading_lease = :lease""")
			.bind("id", turnId)
			.bind("lease", lease)
			.bind("error", error);
		return nullable(spec, "feedback", (partialFeedback != null && !partialFeedback.isEmpty()) ? partialFeedback : null,
					String.class)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	// ---- history across interviews

	/**
	 * The user's mean score per question of a bank (planned questions only), lowest first.
	 */
	Flux<QuestionScore> scoresByQuestion(long userId, String bankId) {
		return this.database.sql("""
				select t.question_id, avg(t.score) as average from turn t join interview i on i.id = t.interview_id
				where i.user_id = :user and i.bank_id = :bank and t.kind = 'QUESTION' and t.status = 'GRADED'
				group by t.question_id order by average, max(t.graded_at) desc""")
			.bind("user", userId)
			.bind("bank", bankId)
			.map((row) -> new QuestionScore(row.get("question_id", UUID.class),
					row.get("average", Double.class)))
			.all();
	}

	/**
	 * @param questionId a bank question
	 * @param average the mean score, 0–10
	 */
	record QuestionScore(UUID questionId, double average) {
	}

	/** All graded answers of a user, oldest first, for the progress charts. */
	Flux<GradedAnswer> gradedAnswers(long userId) {
		return this.database.sql("""
				select i.bank_id, t.category, t.score, t.graded_at from turn t join interview i on i.id = t.interview_id
				where i.user_id = :user and t.status = 'GRADED' order by t.graded_at""")
			.bind("user", userId)
			.map((row) -> new GradedAnswer(row.get("bank_id", String.class), row.get("category", String.class),
					row.get("score", Double.class), instant(row, "graded_at")))
			.all();
	}

	/**
	 * @param bankId the bank
	 * @param category the category
	 * @param score 0–10
	 * @param at when it was graded
	 */
	record GradedAnswer(String bankId, String category, double score, Instant at) {
	}

	/** The title of a bank as the question bank stores it, or empty. */
	Mono<String> bankTitle(String bankId) {
		return this.database.sql("select title from bank where id = :id")
			.bind("id", bankId)
			.map((row) -> row.get("title", String.class))
			.one()
			.onErrorResume((ex) -> Mono.empty());
	}

	/** The user's ended interviews that have an overall score, oldest first. */
	Flux<InterviewViews.OverallPoint> endedWithScore(long userId) {
		return this.database.sql("""
				select id, finished_at, coalesce(report ->> 'overall', report ->> 'overallScore')::int as overall from interview
				where user_id = :user and finished_at is not null
				  and coalesce(report ->> 'overall', report ->> 'overallScore') is not null
				order by finished_at""")
			.bind("user", userId)
			.map((row) -> new InterviewViews.OverallPoint(row.get("id", UUID.class), instant(row, "finished_at"),
					row.get("overall", Integer.class)))
			.all();
	}

	// ---- the rate limit

	/**
	 * Grants one grading to the user if fewer than {@code limit} were granted within
	 * {@code window}; otherwise tells how long until the oldest one leaves the window. Runs in the
	 * caller's transaction and locks the user's row, so concurrent requests on any instance are
	 * counted one after the other.
	 */
	Mono<Duration> grantGrading(long userId, int limit, Duration window) {
		Mono<Void> lock = this.database.sql("select id from app_user where id = :user for update")
			.bind("user", userId)
			.map((row) -> 1)
			.all()
			.then();
		Mono<Duration> check = this.database.sql("""
				select count(*) as used, extract(epoch from (min(granted_at) + make_interval(secs => :window) - now())) as wait
				from grading_allowance where user_id = :user and granted_at > now() - make_interval(secs => :window)""")
			.bind("user", userId)
			.bind("window", (double) window.toSeconds())
			.map((row) -> {
				long used = row.get("used", Long.class);
				if (used < limit) {
					return Duration.ZERO;
				}
				Number wait = row.get("wait", Number.class);
				return Duration.ofMillis(Math.max(1000, (long) Math.ceil(wait.doubleValue()) * 1000));
			})
			.one();
		Mono<Void> grant = this.database.sql("insert into grading_allowance (user_id) values (:user)")
			.bind("user", userId)
			.then();
		Mono<Void> forget = this.database
			.sql("delete from grading_allowance where user_id = :user and granted_at < now() - make_interval(secs => :window)")
			.bind("user", userId)
			.bind("window", (double) window.toSeconds())
			.then();
		return lock.then(check).flatMap((wait) -> wait.isZero() ? forget.then(grant).thenReturn(wait) : Mono.just(wait));
	}

	// ---- mapping

	private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
			Object value, Class<?> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	private Interview interview(Readable row) {
		Json report = row.get("report", Json.class);
		return new Interview(row.get("id", UUID.class), row.get("user_id", Long.class), row.get("bank_id", String.class),
				row.get("bank_title", String.class), row.get("language", String.class), row.get("mode", String.class),
				InterviewStatus.valueOf(row.get("status", String.class)), fromJson(row.get("question_ids", Json.class), UUIDS),
				fromJson(row.get("categories", Json.class), STRINGS),
				new ExaminerInfo(row.get("examiner_kind", String.class), row.get("examiner_provider", String.class),
						row.get("examiner_model", String.class)),
				(report != null) ? this.json.readValue(report.asString(), Report.class) : null, instant(row, "created_at"),
				instant(row, "finished_at"));
	}

	private Turn turn(Readable row) {
		String answerText = row.get("answer_text", String.class);
		Turn.Answer answer = (answerText != null) ? new Turn.Answer(answerText, row.get("input_mode", String.class),
				row.get("duration_seconds", Double.class), instant(row, "answered_at")) : null;
		Json delivery = row.get("delivery", Json.class);
		Json verdict = row.get("verdict", Json.class);
		return new Turn(row.get("id", UUID.class), row.get("interview_id", UUID.class), row.get("position", Integer.class),
				row.get("question_id", UUID.class), row.get("category", String.class),
				TurnKind.valueOf(row.get("kind", String.class)), row.get("parent_turn_id", UUID.class),
				row.get("spoken_text", String.class), row.get("question_text", String.class),
				row.get("reference_answer", String.class), fromJson(row.get("key_points", Json.class), KEY_POINTS),
				TurnStatus.valueOf(row.get("status", String.class)), answer,
				(delivery != null) ? this.json.readValue(delivery.asString(), Delivery.class) : null,
				row.get("feedback", String.class),
				(verdict != null) ? this.json.readValue(verdict.asString(), Verdict.class) : null,
				instant(row, "graded_at"), instant(row, "grading_started_at"), row.get("attempts", Integer.class),
				row.get("last_error", String.class));
	}

	private static Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private Json toJson(Object value) {
		return Json.of(this.json.writeValueAsString(value));
	}

	private <T> T fromJson(Json value, TypeReference<T> type) {
		return this.json.readValue(value.asString(), type);
	}

}
