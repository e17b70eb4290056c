package dev.rehearse.tailoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.rehearse.FakeModelTest;
import dev.rehearse.system.Language;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.RecordedRequest;
import dev.rehearse.testsupport.FakeModelServer.Reply;
import dev.rehearse.testsupport.ScriptedModel;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interviews planned by the model, over real HTTP to the fake model server: the questions it
 * writes are stored with their reference answers and key points, labelled generated, graded the
 * same way and reportable; with a resume the interview has phases; a plan the model botches
 * falls back to the offline ranking and says so.
 */
@FakeModelTest
class LlmTailoredInterviewIntegrationTests {

	static final FakeModelServer model = FakeModelServer.start();

	static final String JOB = "Backend engineer for our payments platform: Java 17, Spring Boot, PostgreSQL, "
			+ "Kafka; you will own the ledger service and its performance.";

	static final String RESUME = "Jane Doe. Five years at Acme Payments: built the double-entry ledger service "
			+ "(Spring Boot, PostgreSQL) and moved settlement onto Kafka.";

	/** A plan as a real model dresses it: reasoning first, the JSON in a fence, a closing remark. */
	static final String PLAN = """
			<think>The job is about a ledger; the bank has JVM and Spring questions. Pick one.</think>
			Here is the plan:
			```json
			{"bankQuestions": ["B1", "B99"],
			 "questions": [
			  {"phase": "technical", "category": "Databases", "question": "How would you keep a ledger's balance consistent under concurrent transfers in PostgreSQL?",
			   "referenceAnswer": "Use one transaction per transfer with row locks (SELECT ... FOR UPDATE) or serializable isolation, double-entry rows that sum to zero, and a unique idempotency key per request.",
			   "keyPoints": [{"title": "Row locks", "detail": "Lock both accounts in a fixed order to avoid deadlocks."}, {"title": "Idempotency key", "detail": "A unique key per request makes retries safe."}]},
			  {"phase": "project", "category": "Project deep-dive", "question": "Walk me through the move of settlement onto Kafka at Acme: what did you decide and why?",
			   "referenceAnswer": "A strong answer explains the event model, exactly-once or idempotent consumers, ordering per account, and how the cut-over was made safe.",
			   "keyPoints": [{"title": "Idempotent consumers", "detail": "Duplicates from redelivery do no harm."}, {"title": "Ordering per account", "detail": "Partitioning by account keeps each account's events in order."}]}
			 ]}
			```
			Let me know if you want more questions.""";

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@BeforeEach
	void scriptTheModel() {
		model.reset();
		model.defaultReply(Reply.text(planner(PLAN)));
	}

	/** The plan for planning requests; the interviewer's manner for everything else. */
	static Function<RecordedRequest, String> planner(String plan) {
		ScriptedModel interviewer = new ScriptedModel();
		return (request) -> request.system().contains("interview planner") ? plan : interviewer.apply(request);
	}

	@Test
	void theModelsQuestionsAreStoredLabelledGradedTheSameWayAndReportable() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "jobDescription", JOB, "resume", RESUME,
				"questionCount", 4));
		String id = interview.get("id").asString();
		JsonNode plan = interview.get("plan");
		assertThat(plan.get("method").asString()).isEqualTo("llm");
		assertThat(plan.get("phases").valueStream().map(JsonNode::asString).toList())
			.containsExactly("self-introduction", "technical", "project");
		assertThat(plan.get("note").asString()).contains("1 bank question(s)").contains("2 written");
		assertThat(interview.get("questionCount").asInt()).isEqualTo(4);

		// the planning prompt carried the candidate's texts inside their fences, as data
		RecordedRequest planning = model.requests().stream().filter((r) -> r.system().contains("interview planner"))
			.findFirst().orElseThrow();
		assertThat(planning.user()).containsPattern("<<<JOB [0-9a-f]+>>>\\n" + java.util.regex.Pattern.quote(JOB));
		assertThat(planning.user()).contains(RESUME).contains("B1 [");

		// 1. the self-introduction, graded against its structure points like any question
		JsonNode intro = interview.get("currentTurn");
		assertThat(intro.get("origin").asString()).isEqualTo("self-introduction");
		JsonNode next = answerWhole(api, id, intro, List.of("Current role", "Relevant experience", "Matching skills",
				"Why this role", "Concise and in order"));

		// 2. the bank question the model picked first (B99 named none and was dropped)
		assertThat(next.get("origin").asString()).isEqualTo("bank");
		next = answerWhole(api, id, next, List.of());

		// 3. the technical question the model wrote: labelled, graded against the model's key points
		assertThat(next.get("origin").asString()).isEqualTo("generated");
		assertThat(next.get("questionText").asString()).startsWith("How would you keep a ledger's balance");
		List<Api.Event> events = api.answer(id, next.get("id").asString(),
				Map.of("text", "I would take Row locks in a fixed order and store an Idempotency key per request."));
		JsonNode verdict = event(events, "verdict");
		assertThat(verdict.get("verdict").get("score").asDouble()).isEqualTo(10.0);
		assertThat(verdict.get("referenceAnswer").asString()).startsWith("Use one transaction per transfer");
		assertThat(verdict.get("keyPoints").get(1).get("title").asString()).isEqualTo("Idempotency key");
		assertThat(verdict.get("keyPoints").get(1).get("detail").asString()).isEqualTo("A unique key per request makes retries safe.");
		assertThat(model.requests()).anySatisfy((request) -> assertThat(request.user())
			.contains("How would you keep a ledger's balance").contains("K1: Row locks").contains("K2: Idempotency key"));
		JsonNode project = event(events, "question").get("turn");
		assertThat(project.get("origin").asString()).isEqualTo("generated");
		assertThat(project.get("category").asString()).isEqualTo("Project deep-dive");

		// stored with the interview, reference and key points included
		List<Map<String, Object>> stored = this.database
			.sql("select origin, phase, reference_answer, key_points::text as key_points from interview_question "
					+ "where interview_id = :id order by origin, phase")
			.bind("id", UUID.fromString(id))
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(stored).extracting((row) -> row.get("origin") + "/" + row.get("phase"))
			.containsExactly("generated/project", "generated/technical", "self-introduction/self-introduction");
		assertThat((String) stored.get(0).get("key_points")).contains("Ordering per account");

		// the review shows every turn's origin
		JsonNode review = api.getJson("/api/interviews/{id}", id);
		assertThat(review.get("turns").valueStream().map((turn) -> turn.get("origin").asString()).toList())
			.containsExactly("self-introduction", "bank", "generated", "generated");

		byte[] markdown = api.get("/api/interviews/{id}/report.md", id).exchange().expectStatus().isOk().expectBody()
			.returnResult().getResponseBody();
		assertThat(new String(markdown, java.nio.charset.StandardCharsets.UTF_8)).contains("Databases (generated)");

		// a bad generated question can be reported by its owner only
		String generated = next.get("questionId").asString();
		api.post("/api/interviews/{id}/questions/{q}/report", id, generated)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("reason", "The reference answer is wrong about isolation levels."))
			.exchange()
			.expectStatus()
			.isNoContent();
		String reason = this.database.sql("select reason from question_report where question_id = :q")
			.bind("q", UUID.fromString(generated))
			.map((row) -> row.get("reason", String.class))
			.one()
			.block();
		assertThat(reason).isEqualTo("The reference answer is wrong about isolation levels.");
		Api other = Api.newCandidate(this.client);
		other.post("/api/interviews/{id}/questions/{q}/report", id, generated)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("reason", "mine now"))
			.exchange()
			.expectStatus()
			.isNotFound();
		other.get("/api/interviews/{id}", id).exchange().expectStatus().isNotFound();
		String bankQuestion = review.get("turns").get(1).get("questionId").asString();
		api.post("/api/interviews/{id}/questions/{q}/report", id, bankQuestion)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aSelfIntroductionInTheCandidatesOwnWordsIsGradedByTheModelNotScreenedOffTopic() {
		model.defaultReply(Reply.text(planner("{\"bankQuestions\": [\"B1\"], \"questions\": []}")));
		Api api = Api.newCandidate(this.client);
		// the structure points' words are nowhere in these: they must still reach the examiner
		Map<String, String> introductions = Map.of(
				"我叫张三，在蚂蚁做了五年后端开发，主要负责支付账本系统，后来把结算迁到了 Kafka 上，很想加入贵公司的大模型平台团队。",
				"招聘大模型应用工程师，负责基于向量数据库的企业知识库。",
				"Hi, I'm Jane. I spent five years at Acme Payments building the double-entry ledger, then moved "
						+ "settlement onto Kafka; now I'd love to bring that to your payments platform.",
				JOB);
		introductions.forEach((introduction, job) -> {
			JsonNode interview = api.begin(Map.of("bankId", Language.isChinese(job) ? TailoredInterviewIntegrationTests.LLM_BANK
					: SeedBank.ID, "jobDescription", job, "resume", introduction, "questionCount", 2));
			JsonNode intro = interview.get("currentTurn");
			assertThat(intro.get("origin").asString()).isEqualTo("self-introduction");
			JsonNode verdict = event(api.answer(interview, intro, introduction), "verdict").get("verdict");
			assertThat(verdict.get("provenance").get("model").asString()).as(introduction).isEqualTo("fake-model");
		});
	}

	@Test
	void aMalformedPlanFallsBackToTheRankedBankQuestionsWithAClearNote() {
		model.defaultReply(Reply.text(planner("Sure! I would ask B1 and B2, then something about Kafka.")));
		JsonNode interview = Api.newCandidate(this.client)
			.begin(Map.of("bankId", SeedBank.ID, "jobDescription", JOB, "resume", RESUME, "questionCount", 3));
		JsonNode plan = interview.get("plan");
		assertThat(plan.get("method").asString()).isEqualTo("offline-ranking");
		assertThat(plan.get("fallback").asString()).isEqualTo("malformed-plan");
		assertThat(plan.get("note").asString()).contains("The model's plan could not be used")
			.contains("ranked by similarity to the job description");
		assertThat(plan.get("phases").valueStream().map(JsonNode::asString).toList()).containsExactly("technical");
		assertThat(interview.get("currentTurn").get("origin").asString()).isEqualTo("bank");
		Long written = this.database.sql("select count(*) from interview_question where interview_id = :id")
			.bind("id", UUID.fromString(interview.get("id").asString()))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(written).isZero();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aModelThatFailsFallsBackToTheRankingAndSaysSoWithoutLoggingTheTexts(CapturedOutput output) {
		model.defaultReply(Reply.status(500));
		JsonNode interview = Api.newCandidate(this.client)
			.begin(Map.of("bankId", SeedBank.ID, "jobDescription", JOB, "resume", RESUME, "questionCount", 2));
		assertThat(interview.get("plan").get("method").asString()).isEqualTo("offline-ranking");
		assertThat(interview.get("plan").get("fallback").asString()).isEqualTo("model-failed");
		assertThat(interview.get("questionCount").asInt()).isEqualTo(2);
		assertThat(output.getAll()).contains("Interview plan by the model not used")
			.doesNotContain("payments platform")
			.doesNotContain("Acme Payments");
	}

	/** Answers with every title of {@code titles} (or "I know this well" when empty) and returns the next question. */
	private JsonNode answerWhole(Api api, String interviewId, JsonNode turn, List<String> titles) {
		String text = titles.isEmpty() ? "I know this well." : String.join(". ", titles) + ".";
		List<Api.Event> events = api.answer(interviewId, turn.get("id").asString(), Map.of("text", text));
		JsonNode question = event(events, "question").get("turn");
		// an answer with gaps may get one follow-up: answer it too, to reach the next planned question
		while ("follow-up".equals(question.get("kind").asString())) {
			events = api.answer(interviewId, question.get("id").asString(), Map.of("text", "That is all I know."));
			question = event(events, "question").get("turn");
		}
		return question;
	}

	private static JsonNode event(List<Api.Event> events, String name) {
		return events.stream()
			.filter((e) -> e.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in " + events))
			.data();
	}

}
