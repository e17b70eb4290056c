package dev.rehearse.interview;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
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

	@Autowired
	InterviewProperties properties;

	@Autowired
	ConnectionFactory connections;

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
		// a verdict stored after the finish is taken into the report right after it is stored (by the grading,
		// under the interview's lock): wait for both
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(count("select count(*) from turn where interview_id = :id and status = 'GRADING'", id)).isZero();
			JsonNode now = api.getJson("/api/interviews/{id}", id);
			assertThat(now.get("status").asString()).isEqualTo("FINISHED");
			long graded = count("select count(*) from turn where interview_id = :id and status = 'GRADED'", id);
			assertThat(now.get("report").get("graded").asLong()).as("a verdict stored while finishing is reported")
				.isEqualTo(graded);
		});
		JsonNode detail = api.getJson("/api/interviews/{id}", id);
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

	/**
	 * The allowance is taken in the answer's own save statement, with no transaction around it:
	 * answers that arrive together while the candidate's row is locked wait for it, and each is
	 * counted on the row as the one before left it. Exactly the limit are saved, the rest refused
	 * and not saved.
	 */
	@Test
	void answersArrivingTogetherAreCountedOneAfterTheOther() {
		Api api = Api.newCandidate(this.client);
		int limit = this.properties.rateLimit().answersPerMinute();
		int extra = 4;
		List<JsonNode> interviews = new ArrayList<>();
		for (int i = 0; i < limit + extra; i++) {
			interviews.add(api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1)));
		}
		// hold the candidate's row until every answer waits for it
		Connection holder = Mono.from(this.connections.create()).block();
		Scheduler callers = Schedulers.fromExecutorService(Executors.newFixedThreadPool(limit + extra), "callers");
		try {
			Mono.from(holder.beginTransaction()).block();
			Flux.from(holder.createStatement("select id from app_user where username = $1 for update")
				.bind("$1", api.username())
				.execute()).flatMap((result) -> result.map((row, meta) -> 1)).blockLast();
			// threads of their own: the server checks each request's password on boundedElastic, which
			// calls blocked there would hold up
			List<Mono<Outcome>> calls = interviews.stream()
				.map((interview) -> Mono.fromCallable(() -> answer(api, interview.get("id").asString(),
						interview.get("currentTurn").get("id").asString(), "hashing and sorted keys"))
					.subscribeOn(callers))
				.toList();
			Mono<List<Outcome>> outcomes = Flux.merge(calls).collectList().cache();
			outcomes.subscribe();
			await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnALock() >= limit + extra);
			Mono.from(holder.commitTransaction()).block();
			List<Outcome> done = outcomes.block(Duration.ofSeconds(60));
			assertThat(done).extracting(Outcome::status)
				.as("%s", done)
				.containsOnly(200, 429)
				.filteredOn((status) -> status == 200)
				.hasSize(limit);
			assertThat(done).filteredOn((outcome) -> outcome.status() == 429)
				.hasSize(extra)
				.allSatisfy((refused) -> {
					assertThat(refused.body().get("title").asString()).isEqualTo("Too many answers");
					// the wait as it is after the answers before, not as the refused one first read it
					assertThat(refused.body().get("detail").asString()).containsPattern("Try again in (5\\d|60) seconds");
				});
		}
		finally {
			Mono.from(holder.close()).block();
			callers.dispose();
		}
		assertThat(this.database.sql("""
				select count(*) from turn t join interview i on i.id = t.interview_id join app_user u on u.id = i.user_id
				where u.username = :name and t.answered_at is not null""")
			.bind("name", api.username())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).as("answers saved").isEqualTo(limit);
		assertThat(this.database.sql("select cardinality(grading_grants) from app_user where username = :name")
			.bind("name", api.username())
			.map((row) -> row.get(0, Integer.class))
			.one()
			.block()).as("grants counted").isEqualTo(limit);
	}

	private long waitingOnALock() {
		return this.database.sql("""
				select count(*) from pg_stat_activity
				where wait_event_type = 'Lock' and query like '%granted as (%' and datname = current_database()""")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
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
