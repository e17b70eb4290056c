package dev.rehearse.interview;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;
import dev.rehearse.testsupport.ScriptedModel;
import dev.rehearse.testsupport.SeedBank;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission control over real PostgreSQL: with one grader, a second answer is saved, waits in the
 * queue with its place in line, and is graded when the first grading ends; nothing stays queued.
 * And the grading meters.
 */
@DatabaseTest
@TestPropertySource(properties = { "rehearse.interview.max-concurrent-gradings=1",
		"rehearse.interview.follow-ups-per-question=0", "rehearse.examiner.on-failure=fail",
		"rehearse.examiner.retry.max-attempts=1" })
class GradingAdmissionIntegrationTests {

	static final FakeModelServer model = FakeModelServer.start();

	@DynamicPropertySource
	static void examinerTalksToTheFakeModel(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.model.chat", () -> "openai");
		registry.add("spring.ai.openai.base-url", model::baseUrl);
		registry.add("spring.ai.openai.api-key", () -> "test-key");
		registry.add("spring.ai.openai.chat.model", () -> "fake-model");
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	MeterRegistry meters;

	@Test
	void beyondTheGradersAnAnswerIsSavedThenQueuedWithItsPlaceThenGraded() {
		model.reset();
		// a grading streams for a second or more: long enough for the second answer to wait
		model.defaultReply(Reply.text(new ScriptedModel()).tokenDelay(Duration.ofMillis(25)));
		Api first = Api.newCandidate(this.client);
		Api second = Api.newCandidate(this.client);
		JsonNode one = first.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		JsonNode two = second.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));

		// the response begins once the answer is committed: the first holds the only grader
		Flux<ServerSentEvent<String>> graded = first.answerStream(one.get("id").asString(),
				one.get("currentTurn").get("id").asString(), Map.of("text", "A first answer about the question."));
		Flux<ServerSentEvent<String>> waiting = second.answerStream(two.get("id").asString(),
				two.get("currentTurn").get("id").asString(), Map.of("text", "A second answer about the question."));
		List<Api.Event> waited = Api.events(waiting);
		List<Api.Event> direct = Api.events(graded);

		assertThat(direct).extracting(Api.Event::name).doesNotContain("queued").contains("verdict");
		List<String> names = waited.stream().map(Api.Event::name).toList();
		assertThat(names).startsWith("saved", "queued").contains("feedback", "verdict").last().isEqualTo("question");
		assertThat(names.indexOf("queued")).isLessThan(names.indexOf("feedback"));
		assertThat(waited.get(1).data().get("position").asInt()).isEqualTo(1);
		assertThat(this.database.sql("select count(*) from grading_queue").map((row) -> row.get(0, Long.class)).one().block())
			.isZero();
		assertThat(this.database.sql("select status from turn where id = :id")
			.bind("id", java.util.UUID.fromString(two.get("currentTurn").get("id").asString()))
			.map((row) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("GRADED");
	}

	@Test
	void answersAreMeteredFromArrivalToSavedFirstFeedbackAndVerdict() {
		model.reset();
		model.defaultReply(Reply.text(new ScriptedModel()));
		double answersBefore = this.meters.counter("rehearse.answers").count();
		long verdictsBefore = this.meters.timer("rehearse.grading.verdict").count();
		Api candidate = Api.newCandidate(this.client);
		JsonNode interview = candidate.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		List<Api.Event> events = candidate.answer(interview, interview.get("currentTurn"), "An answer to be metered.");
		assertThat(events).extracting(Api.Event::name).contains("verdict");

		assertThat(this.meters.counter("rehearse.answers").count()).isEqualTo(answersBefore + 1);
		assertThat(this.meters.timer("rehearse.grading.saved").count()).isPositive();
		assertThat(this.meters.timer("rehearse.grading.first.feedback").count()).isPositive();
		assertThat(this.meters.timer("rehearse.grading.verdict").count()).isEqualTo(verdictsBefore + 1);
		// the buckets are the exporting registry's (Prometheus); percentiles show the distribution is kept
		assertThat(this.meters.timer("rehearse.grading.verdict").takeSnapshot().percentileValues())
			.as("p50, p95, p99").hasSize(3);
		// the grading has ended: its grader is free again
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("rehearse.gradings.active").gauge().value() == 0);
		assertThat(this.meters.get("rehearse.gradings.queued").gauge().value()).isZero();
	}

	@Test
	void aFailedGradingIsCountedByReasonAndItsRegradeBySource() {
		model.reset();
		model.defaultReply(Reply.text(new ScriptedModel()));
		Api candidate = Api.newCandidate(this.client);
		JsonNode interview = candidate.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		double failedBefore = this.meters
			.counter("rehearse.grading.failures", "reason", "examiner-failed", "source", "answer")
			.count();
		double regradedBefore = this.meters.counter("rehearse.gradings.completed", "source", "regrade").count();
		model.enqueue(Reply.status(500));
		List<Api.Event> events = candidate.answer(interview, interview.get("currentTurn"), "An answer the model fails.");
		assertThat(events).extracting(Api.Event::name).last().isEqualTo("error");
		assertThat(this.meters.counter("rehearse.grading.failures", "reason", "examiner-failed", "source", "answer")
			.count()).isEqualTo(failedBefore + 1);

		// graded again on request: counted as a regrade, and no second answer nor answer latency
		double answers = this.meters.counter("rehearse.answers").count();
		long verdictTimes = this.meters.timer("rehearse.grading.verdict").count();
		List<Api.Event> again = candidate.regrade(interview.get("id").asString(),
				interview.get("currentTurn").get("id").asString());
		assertThat(again).extracting(Api.Event::name).contains("verdict");
		assertThat(this.meters.counter("rehearse.gradings.completed", "source", "regrade").count())
			.isEqualTo(regradedBefore + 1);
		assertThat(this.meters.counter("rehearse.answers").count()).isEqualTo(answers);
		assertThat(this.meters.timer("rehearse.grading.verdict").count()).isEqualTo(verdictTimes);
	}

}
