package dev.rehearse.interview;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.SeedBank;
import dev.rehearse.testsupport.ScriptedExaminer;
import dev.rehearse.testsupport.TestDoubles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Grading survives a client that leaves, an examiner that fails, and an instance that died. */
@DatabaseTest
@Import(TestDoubles.class)
class GradingResilienceIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	ScriptedExaminer examiner;

	@Autowired
	GradingSweep sweep;

	@Autowired
	QuestionCatalog catalog;

	@AfterEach
	void reset() {
		this.examiner.delayEachDelta(Duration.ZERO);
		this.examiner.failNext(0);
	}

	@Test
	void gradingCompletesAndIsStoredWhenTheClientDisconnectsMidStream() {
		this.examiner.delayEachDelta(Duration.ofMillis(300));
		Api api = Api.newCandidate(this.client);
		List<Question> questions = SeedBank.questions(this.catalog);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds",
				List.of(questions.get(0).id().toString(), questions.get(1).id().toString())));
		String turn = interview.get("currentTurn").get("id").asString();
		StepVerifier.create(api.answerStream(interview.get("id").asString(), turn, Map.of("text", "threads have stacks")).map(Api::event))
			.assertNext((event) -> assertThat(event.name()).isEqualTo("saved"))
			.assertNext((event) -> assertThat(event.name()).isEqualTo("feedback"))
			.thenCancel()
			.verify(Duration.ofSeconds(30));
		// still grading when the client left
		assertThat(status(turn)).isEqualTo("GRADING");
		await().atMost(Duration.ofSeconds(30)).until(() -> status(turn).equals("GRADED"));
		Map<String, Object> row = this.database.sql("select feedback, score, verdict is not null as judged from turn where id = :id")
			.bind("id", UUID.fromString(turn))
			.fetch()
			.one()
			.block();
		assertThat(row).containsEntry("judged", true);
		assertThat((String) row.get("feedback")).startsWith("You covered ");
		// and the interview moved on without the client
		await().atMost(Duration.ofSeconds(10))
			.until(() -> api.getJson("/api/interviews/{id}", interview.get("id").asString()).get("turns").size() == 2);
	}

	@Test
	void aFailedGradingIsVisibleAndCanBeGradedAgain() {
		this.examiner.failNext(1);
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();
		List<Api.Event> events = api.answer(id, turn, Map.of("text", "threads have stacks"));
		assertThat(events).extracting(Api.Event::name).containsExactly("saved", "feedback", "error");
		JsonNode error = events.get(2).data();
		assertThat(error.get("retryable").asBoolean()).isTrue();
		assertThat(error.get("message").asString()).contains("The model is unavailable.", "saved");

		JsonNode failed = api.getJson("/api/interviews/{id}", id).get("currentTurn");
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("answer").get("text").asString()).isEqualTo("threads have stacks");
		assertThat(failed.get("gradingError").asString()).isEqualTo("The model is unavailable.");

		List<Api.Event> regraded = api.regrade(id, turn);
		assertThat(regraded.get(0).name()).isEqualTo("feedback");
		assertThat(regraded).extracting(Api.Event::name).contains("verdict").last().isEqualTo("question");
		assertThat(status(turn)).isEqualTo("GRADED");
		assertThat(this.database.sql("select attempts from turn where id = :id")
			.bind("id", UUID.fromString(turn))
			.map((row) -> row.get(0, Integer.class))
			.one()
			.block()).isEqualTo(2);
	}

	@Test
	void theSweepGradesWhatADeadInstanceLeftUnfinishedExactlyOnce() {
		Api api = Api.newCandidate(this.client);
		Question question = SeedBank.questions(this.catalog).get(0);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds", List.of(question.id().toString())));
		String turn = interview.get("currentTurn").get("id").asString();
		// as if an instance saved the answer, began grading and died ten minutes ago
		this.database.sql("""
				update turn set status = 'GRADING', answer_text = :answer, input_mode = 'text',
				    answered_at = now() - interval '10 minutes', grading_lease = gen_random_uuid(),
				    grading_started_at = now() - interval '10 minutes', attempts = 1
				where id = :id""").bind("id", UUID.fromString(turn)).bind("answer", SeedBank.fullAnswer(question)).then().block();
		assertThat(api.getJson("/api/interviews/{id}", interview.get("id").asString()).get("currentTurn").get("status")
			.asString()).isEqualTo("GRADING");

		// two sweeps at once (as on two instances): the turn is claimed by one of them only
		List<Long> claimed = reactor.core.publisher.Flux
			.merge(this.sweep.regradeLeftBehind(), this.sweep.regradeLeftBehind())
			.collectList()
			.block(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(30)).until(() -> status(turn).equals("GRADED"));
		assertThat(this.database.sql("select attempts from turn where id = :id")
			.bind("id", UUID.fromString(turn))
			.map((row) -> row.get(0, Integer.class))
			.one()
			.block()).isEqualTo(2);
		assertThat(claimed).isNotNull();
		// the interview had one question: the sweep's grading finished it with its report
		JsonNode after = api.getJson("/api/interviews/{id}", interview.get("id").asString());
		assertThat(after.get("status").asString()).isEqualTo("FINISHED");
		assertThat(after.get("report").get("graded").asInt()).isEqualTo(1);
	}

	private String status(String turn) {
		return this.database.sql("select status from turn where id = :id")
			.bind("id", UUID.fromString(turn))
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
	}

}
