package dev.rehearse.interview;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finish, delete and answer on one interview at the same time: the conditional updates and the
 * interview's row lock put them in one order, every loser hears what happened, and an ended
 * interview never gets a new question.
 */
@DatabaseTest
class InterviewRacesIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	TurnStore store;

	@Test
	void anEndedInterviewGetsNoNewQuestion() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		api.post("/api/interviews/{id}/finish", id).exchange().expectStatus().isOk();
		Turn first = this.store.findTurns(UUID.fromString(id)).blockFirst();
		Turn late = new Turn(UUID.randomUUID(), first.interviewId(), 2, first.questionId(), first.category(),
				TurnKind.QUESTION, null, "Late?", "Late?", "Ref", first.keyPoints(), TurnStatus.ASKED, null, null, null,
				null, null, null, 0, null, "bank");
		assertThat(this.store.insert(late).block()).isFalse();
		assertThat(turns(id)).isEqualTo(1);
	}

	@RepeatedTest(4)
	void finishAndAnswerAtOnceLeaveAReportThatCountsEveryGradedAnswer() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();
		List<Outcome> outcomes = Flux
			.merge(call(() -> answer(api, id, turn, "I don't know.")), call(() -> finish(api, id)))
			.collectList()
			.block(Duration.ofSeconds(60));
		for (Outcome outcome : outcomes) {
			if (outcome.name().equals("answer") && outcome.status() == 409) {
				assertThat(outcome.body().get("detail").asString()).as("the interview ended first").contains("finished");
			}
			else if (outcome.name().equals("finish")) {
				assertThat(outcome.status()).isEqualTo(200);
			}
			else {
				assertThat(outcome.status()).isEqualTo(200);
				assertThat(outcome.events()).noneMatch((e) -> e.name().equals("error"));
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from turn where interview_id = :id and status = 'GRADING'", id) == 0);
		JsonNode detail = api.getJson("/api/interviews/{id}", id);
		assertThat(detail.get("status").asString()).isEqualTo("FINISHED");
		long graded = count("select count(*) from turn where interview_id = :id and status = 'GRADED'", id);
		assertThat(detail.get("report").get("graded").asLong()).as("a verdict stored while finishing is reported")
			.isEqualTo(graded);
		assertThat(detail.get("report").get("answered").asInt()).isEqualTo(detail.get("answered").asInt());
		// an unanswered question, if any, was asked before the end: at most one, and the last
		List<JsonNode> asked = detail.get("turns")
			.valueStream()
			.filter((t) -> t.get("status").asString().equals("ASKED"))
			.toList();
		assertThat(asked).hasSizeLessThanOrEqualTo(1);
		asked.forEach((t) -> assertThat(t.get("index").asInt()).isEqualTo(detail.get("turns").size()));
	}

	@RepeatedTest(4)
	void deleteAndAnswerAtOnceNeverClaimAGradingElsewhere() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();
		List<Outcome> outcomes = Flux
			.merge(call(() -> answer(api, id, turn, "Each thread has its own stack, and objects live on the heap.")),
					call(() -> delete(api, id)))
			.collectList()
			.block(Duration.ofSeconds(60));
		for (Outcome outcome : outcomes) {
			if (outcome.name().equals("delete")) {
				assertThat(outcome.status()).isEqualTo(204);
			}
			else if (outcome.status() == 200) {
				outcome.events()
					.stream()
					.filter((e) -> e.name().equals("error"))
					.forEach((e) -> assertThat(e.data().get("message").asString()).contains("deleted")
						.doesNotContain("elsewhere"));
			}
			else {
				assertThat(outcome.status()).as("deleted first: the interview is gone").isEqualTo(404);
			}
		}
		assertThat(turns(id)).isZero();
	}

	/** One call's result: its status and body, or its events. */
	record Outcome(String name, int status, JsonNode body, List<Api.Event> events) {
	}

	private static Mono<Outcome> call(java.util.concurrent.Callable<Outcome> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

	private static Outcome answer(Api api, String id, String turn, String text) {
		FluxExchangeResult<byte[]> result = api.post("/api/interviews/{id}/turns/{turn}/answer", id, turn)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(Map.of("text", text))
			.exchange()
			.returnResult(byte[].class);
		// joined as bytes first: a chunk may end inside a character
		String body = result.getResponseBody().reduce(new ByteArrayOutputStream(), (out, bytes) -> {
			out.writeBytes(bytes);
			return out;
		}).map((out) -> out.toString(StandardCharsets.UTF_8)).block(Duration.ofSeconds(60));
		int status = result.getStatus().value();
		if (status != 200) {
			// a problem asked for as an event stream comes as one data line
			String problem = body.strip().replaceFirst("^data:", "");
			return new Outcome("answer", status, Api.parse(problem.getBytes(StandardCharsets.UTF_8)), List.of());
		}
		List<Api.Event> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
			if (name != null) {
				events.add(new Api.Event(name, Api.parse(data.toString().getBytes(StandardCharsets.UTF_8))));
			}
		}
		return new Outcome("answer", status, null, events);
	}

	private static Outcome finish(Api api, String id) {
		EntityExchangeResult<byte[]> result = api.post("/api/interviews/{id}/finish", id)
			.exchange()
			.expectBody()
			.returnResult();
		return new Outcome("finish", result.getStatus().value(), Api.parse(result.getResponseBody()), List.of());
	}

	private static Outcome delete(Api api, String id) {
		int status = api.delete("/api/interviews/{id}", id).exchange().returnResult(Void.class).getStatus().value();
		return new Outcome("delete", status, null, List.of());
	}

	private long turns(String id) {
		return count("select count(*) from turn where interview_id = :id", id);
	}

	private long count(String sql, String id) {
		return this.database.sql(sql)
			.bind("id", UUID.fromString(id))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

}
