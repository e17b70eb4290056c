package dev.rehearse.tailoring;

import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.Question;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a tailored interview keeps beside its own row: the job description and resume, the plan,
 * and the questions written for it. All of it is deleted with the interview (foreign keys with
 * {@code on delete cascade}). Bound parameters only.
 */
@Component
public class TailoringStore {

	private static final TypeReference<List<KeyPoint>> KEY_POINTS = new TypeReference<>() {
	};

	private final DatabaseClient database;

	private final JsonMapper json;

	TailoringStore(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/**
	 * Stores the interview's tailoring and its written questions; run in the transaction that
	 * inserts the interview, after it.
	 */
	public Mono<Void> save(UUID interviewId, JobProfile job, TailoredPlan plan) {
		Mono<Void> tailoring = this.database.sql("""
				insert into interview_tailoring (interview_id, job_description, resume, plan)
				values (:interview, :job, :resume, :plan)""")
			.bind("interview", interviewId)
			.bind("job", job.jobDescription())
			.bind("resume", job.resume())
			.bind("plan", Json.of(this.json.writeValueAsString(plan.plan())))
			.then();
		Flux<Long> questions = Flux.fromIterable(plan.questions())
			.filter(PlannedQuestion::written)
			.concatMap((planned) -> {
				Question question = planned.question();
				return this.database.sql("""
						insert into interview_question (id, interview_id, origin, phase, category, text, reference_answer,
						                                key_points, language)
						values (:id, :interview, :origin, :phase, :category, :text, :reference, :keyPoints, :language)""")
					.bind("id", question.id())
					.bind("interview", interviewId)
					.bind("origin", planned.origin())
					.bind("phase", planned.phase())
					.bind("category", question.category())
					.bind("text", question.text())
					.bind("reference", question.referenceAnswer())
					.bind("keyPoints", Json.of(this.json.writeValueAsString(question.keyPoints())))
					.bind("language", question.language())
					.fetch()
					.rowsUpdated();
			});
		return tailoring.thenMany(questions).then();
	}

	/** The interview's tailoring, or empty when it was not tailored. */
	public Mono<Tailoring> find(UUID interviewId) {
		return this.database.sql("select job_description, resume, plan from interview_tailoring where interview_id = :id")
			.bind("id", interviewId)
			.map((row) -> new Tailoring(row.get("job_description", String.class), row.get("resume", String.class),
					this.json.readValue(row.get("plan", Json.class).asArray(), Plan.class)))
			.one();
	}

	/** A question written for this interview, or empty when it has none of that id. */
	public Mono<PlannedQuestion> findQuestion(UUID interviewId, UUID questionId) {
		return this.database.sql("select * from interview_question where id = :id and interview_id = :interview")
			.bind("id", questionId)
			.bind("interview", interviewId)
			.map((row) -> new PlannedQuestion(new Question(row.get("id", UUID.class), PlannedQuestion.WRITTEN_BANK,
					row.get("category", String.class), 0, row.get("text", String.class),
					row.get("reference_answer", String.class),
					this.json.readValue(row.get("key_points", Json.class).asArray(), KEY_POINTS),
					row.get("language", String.class), null, List.of()), row.get("origin", String.class),
					row.get("phase", String.class)))
			.one();
	}

	/**
	 * Records the user's report of a bad generated question of their own interview (a second report
	 * replaces the first); false when the user has no such interview or it has no such generated
	 * question.
	 */
	Mono<Boolean> report(long userId, UUID interviewId, UUID questionId, String reason) {
		return this.database.sql("""
				insert into question_report (interview_id, question_id, reason)
				select q.interview_id, q.id, :reason from interview_question q join interview i on i.id = q.interview_id
				where q.id = :question and q.interview_id = :interview and q.origin = :generated and i.user_id = :user
				on conflict (interview_id, question_id) do update set reason = excluded.reason, reported_at = now()""")
			.bind("reason", reason)
			.bind("question", questionId)
			.bind("interview", interviewId)
			.bind("generated", PlannedQuestion.GENERATED)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

}
