package dev.rehearse.interview;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.testsupport.Api;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole interview over HTTP, as a script with HTTP Basic would run it. */
@DatabaseTest
class InterviewFlowIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	QuestionCatalog catalog;

	@Test
	void threeQuestionsWithAFollowUpEndInAStoredReport() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 3));
		String id = interview.get("id").asString();
		assertThat(interview.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(interview.get("questionCount").asInt()).isEqualTo(3);
		JsonNode turn = interview.get("currentTurn");
		assertThat(turn.get("index").asInt()).isEqualTo(1);
		assertThat(turn.get("kind").asString()).isEqualTo("question");
		assertThat(turn.get("spokenText").asString()).isNotBlank();
		assertThat(turn.get("referenceAnswer").isNull()).as("no reference answer before answering").isTrue();

		// "not sure": no follow-up, the examiner moves on kindly and the reference is shown at once
		List<Api.Event> first = api.answer(interview, turn, "Um, I am not sure.");
		assertInOrder(first, "question");
		JsonNode verdict = event(first, "verdict");
		assertThat(verdict.get("revealed").asBoolean()).isTrue();
		assertThat(verdict.get("referenceAnswer").asString()).isNotBlank();
		assertThat(verdict.get("delivery").get("fillers").get("um").asInt()).isEqualTo(1);
		JsonNode second = event(first, "question").get("turn");
		assertThat(second.get("kind").asString()).isEqualTo("question");
		assertThat(second.get("spokenText").asString()).startsWith("No problem, let's move on");

		// a partial answer (some key points word for word, two left out): followed up
		List<String> points = keyPointsOf(id, second.get("id").asString());
		List<Api.Event> partial = api.answer(interview, second,
				String.join(". ", points.subList(0, points.size() - 2)) + ".");
		assertInOrder(partial, "question");
		JsonNode followUp = event(partial, "question").get("turn");
		assertThat(followUp.get("kind").asString()).isEqualTo("follow-up");
		assertThat(followUp.get("parentTurnId").asString()).isEqualTo(second.get("id").asString());
		assertThat(followUp.get("skippable").asBoolean()).isTrue();

		// at most one follow-up per question: "no idea" to it moves on to the next question, kindly
		List<Api.Event> third = api.answer(interview, followUp, "No idea, sorry.");
		assertInOrder(third, "question");
		JsonNode next = event(third, "question").get("turn");
		assertThat(next.get("kind").asString()).isEqualTo("question");
		assertThat(next.get("index").asInt()).isEqualTo(4);
		assertThat(next.get("spokenText").asString()).startsWith("No problem, let's move on");

		// answer the rest well (every key point, word for word) until the report comes
		JsonNode current = next;
		List<Api.Event> events;
		int answers = 3;
		do {
			String good = String.join(". ", keyPointsOf(id, current.get("id").asString())) + ".";
			events = api.answer(interview, current, good);
			answers++;
			if (events.get(events.size() - 1).name().equals("question")) {
				current = event(events, "question").get("turn");
			}
		}
		while (events.get(events.size() - 1).name().equals("question") && answers < 10);
		assertInOrder(events, "finished");
		JsonNode report = event(events, "finished").get("report");
		assertThat(report.get("overall").asInt()).isBetween(0, 100);
		assertThat(report.get("categories").isArray()).isTrue();
		assertThat(report.get("language").asString()).isEqualTo("en");
		assertThat(report.get("practise").get(0).get("questionId").asString())
			.isEqualTo(turn.get("questionId").asString());
		assertThat(report.get("answered").asInt()).isEqualTo(answers);

		// what the database kept
		Map<String, Object> stored = this.database
			.sql("select status, report ->> 'overall' as overall from interview where id = :id")
			.bind("id", UUID.fromString(id))
			.fetch()
			.one()
			.block();
		assertThat(stored).containsEntry("status", "FINISHED").containsEntry("overall", report.get("overall").asString());
		List<Map<String, Object>> turns = this.database
			.sql("select status, kind, answer_text, verdict is not null as judged, delivery is not null as measured "
					+ "from turn where interview_id = :id order by position")
			.bind("id", UUID.fromString(id))
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(turns).hasSize(answers).allSatisfy((row) -> {
			assertThat(row).containsEntry("status", "GRADED").containsEntry("judged", true).containsEntry("measured", true);
			assertThat(row.get("answer_text")).isNotNull();
		});
		assertThat(turns).extracting((row) -> row.get("kind")).startsWith("QUESTION", "QUESTION", "FOLLOW_UP", "QUESTION");
		assertThat(turns).filteredOn((row) -> row.get("kind").equals("QUESTION")).hasSize(3);

		// reviewing it
		JsonNode detail = api.getJson("/api/interviews/{id}", id);
		assertThat(detail.get("status").asString()).isEqualTo("FINISHED");
		assertThat(detail.get("currentTurn").isNull()).isTrue();
		assertThat(detail.get("turns")).hasSize(answers);
		assertThat(detail.get("turns").get(0).get("referenceAnswer").asString()).isNotBlank();
		assertThat(detail.get("turns").get(0).get("feedback").asString()).isNotBlank();
		assertThat(detail.get("report").get("overall").asInt()).isEqualTo(report.get("overall").asInt());

		JsonNode list = api.getJson("/api/interviews?page=0&size=5");
		assertThat(list.get("total").asInt()).isEqualTo(1);
		assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(id);
		assertThat(list.get("items").get(0).get("answered").asInt()).isEqualTo(answers);
		assertThat(list.get("items").get(0).get("overallScore").asInt()).isEqualTo(report.get("overall").asInt());

		String markdown = new String(api.get("/api/interviews/{id}/report.md", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rehearse-interview-.*\\.md\"")
			.expectHeader()
			.valueMatches(HttpHeaders.CONTENT_TYPE, "text/markdown.*")
			.expectBody()
			.returnResult()
			.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(markdown).contains("# Interview report", "Overall score: " + report.get("overall").asInt(),
				"## Transcript", "> Um, I am not sure.");

		JsonNode progress = api.getJson("/api/progress");
		assertThat(progress.get("categories")).isNotEmpty();
		assertThat(progress.get("overall")).hasSize(1);
		assertThat(progress.get("overall").get(0).get("interviewId").asString()).isEqualTo(id);

		api.delete("/api/interviews/{id}", id).exchange().expectStatus().isNoContent();
		api.get("/api/interviews/{id}", id).exchange().expectStatus().isNotFound();
		assertThat(this.database.sql("select count(*) from turn where interview_id = :id")
			.bind("id", UUID.fromString(id))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void savedComesOnlyOnceTheAnswerIsCommitted() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		JsonNode turn = interview.get("currentTurn");
		Api.Event saved = Api.event(api
			.answerStream(interview.get("id").asString(), turn.get("id").asString(),
					Map.of("text", "hashing and sorted keys", "inputMode", "voice", "durationSeconds", 6))
			.blockFirst());
		assertThat(saved.name()).isEqualTo("saved");
		// read through another connection: the answer is already visible to everyone
		Map<String, Object> row = this.database
			.sql("select answer_text, input_mode, duration_seconds, answered_at from turn where id = :id")
			.bind("id", UUID.fromString(turn.get("id").asString()))
			.fetch()
			.one()
			.block();
		assertThat(row).containsEntry("answer_text", "hashing and sorted keys").containsEntry("input_mode", "voice");
		assertThat(row.get("answered_at")).isNotNull();
	}

	@Test
	void weakSpotsAsksTheQuestionsScoredLowestFirst() {
		Api api = Api.newCandidate(this.client);
		List<Question> questions = SeedBank.questions(this.catalog);
		String weakQuestion = questions.get(1).id().toString();
		String strongQuestion = questions.get(2).id().toString();
		// a poor answer on one question, a good one on another
		JsonNode poor = api.begin(Map.of("bankId", SeedBank.ID, "questionIds", List.of(weakQuestion)));
		api.answer(poor, poor.get("currentTurn"), "no idea");
		JsonNode good = api.begin(Map.of("bankId", SeedBank.ID, "questionIds", List.of(strongQuestion)));
		api.answer(good, good.get("currentTurn"), SeedBank.fullAnswer(questions.get(2)));

		JsonNode weak = api.begin(Map.of("bankId", SeedBank.ID, "mode", "weak-spots", "questionCount", 2));
		assertThat(weak.get("mode").asString()).isEqualTo("weak-spots");
		assertThat(weak.get("currentTurn").get("questionId").asString()).isEqualTo(weakQuestion);
	}

	private List<String> keyPointsOf(String interviewId, String turnId) {
		return this.database.sql("select key_points::text from turn where id = :id")
			.bind("id", UUID.fromString(turnId))
			.map((row) -> List.of(Api.parse(row.get(0, String.class).getBytes()).valueStream()
				.map((point) -> new KeyPoint(point.get("title").asString(), point.get("detail").asString()).text())
				.toArray(String[]::new)))
			.one()
			.block();
	}

	/** saved first (for answers), then feedback, then verdict, then {@code last}; nothing else. */
	static void assertInOrder(List<Api.Event> events, String last) {
		List<String> names = events.stream().map(Api.Event::name).toList();
		assertThat(names.get(0)).isEqualTo("saved");
		assertThat(names.get(1)).isEqualTo("feedback");
		assertThat(names.subList(1, names.size() - 2)).containsOnly("feedback");
		assertThat(names.get(names.size() - 2)).isEqualTo("verdict");
		assertThat(names.get(names.size() - 1)).isEqualTo(last);
	}

	static JsonNode event(List<Api.Event> events, String name) {
		return events.stream().filter((e) -> e.name().equals(name)).findFirst().orElseThrow().data();
	}

}
