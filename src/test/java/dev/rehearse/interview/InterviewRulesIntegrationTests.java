package dev.rehearse.interview;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What the interview API refuses, and that nobody sees another candidate's interviews. */
@DatabaseTest
class InterviewRulesIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	InterviewProperties properties;

	@Autowired
	GradingSweep sweep;

	@Autowired
	org.springframework.r2dbc.core.DatabaseClient database;

	@Test
	void anotherCandidatesInterviewIsNotFoundOnEveryEndpoint() {
		Api owner = Api.newCandidate(this.client);
		Api other = Api.newCandidate(this.client);
		JsonNode interview = owner.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();
		owner.answer(interview, interview.get("currentTurn"), "hashing");

		other.get("/api/interviews/{id}", id).exchange().expectStatus().isNotFound();
		other.get("/api/interviews/{id}/report.md", id).exchange().expectStatus().isNotFound();
		other.post("/api/interviews/{id}/turns/{turn}/answer", id, turn)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "mine now"))
			.exchange()
			.expectStatus()
			.isNotFound();
		other.post("/api/interviews/{id}/turns/{turn}/regrade", id, turn).exchange().expectStatus().isNotFound();
		other.post("/api/interviews/{id}/finish", id).exchange().expectStatus().isNotFound();
		other.delete("/api/interviews/{id}", id).exchange().expectStatus().isNotFound();
		JsonNode list = other.getJson("/api/interviews");
		assertThat(list.get("total").asInt()).isZero();
		assertThat(list.get("items")).isEmpty();
		JsonNode progress = other.getJson("/api/progress");
		assertThat(progress.get("categories")).isEmpty();
		assertThat(progress.get("overall")).isEmpty();

		// and the owner still has it all
		owner.get("/api/interviews/{id}", id).exchange().expectStatus().isOk();
		assertThat(owner.getJson("/api/progress").get("categories")).isNotEmpty();
	}

	@Test
	void refusesEmptyOverLongAndRepeatedAnswers() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();

		answer(api, id, turn, Map.of("text", "   ")).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("text");
		answer(api, id, turn, Map.of("text", "x".repeat(4001))).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("4001"));
		answer(api, id, turn, Map.of("text", "ok", "inputMode", "telepathy")).expectStatus().isBadRequest();

		api.answer(id, turn, Map.of("text", "hashing and sorting"));
		answer(api, id, turn, Map.of("text", "again")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This question was already answered.");
		// a graded turn is not graded again
		api.post("/api/interviews/{id}/turns/{turn}/regrade", id, turn).exchange().expectStatus().isEqualTo(409);
		answer(api, id, java.util.UUID.randomUUID().toString(), Map.of("text", "x")).expectStatus().isNotFound();
	}

	@Test
	void anEndedInterviewTakesNoAnswersAndCannotEndTwice() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 3));
		String id = interview.get("id").asString();
		JsonNode finished = Api.parse(api.post("/api/interviews/{id}/finish", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(finished.get("status").asString()).isEqualTo("FINISHED");
		assertThat(finished.get("report").get("answered").asInt()).isZero();
		assertThat(finished.get("report").get("overall").isNull()).isTrue();
		api.post("/api/interviews/{id}/finish", id).exchange().expectStatus().isEqualTo(409);
		answer(api, id, interview.get("currentTurn").get("id").asString(), Map.of("text", "late")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("finished"));
		// still reviewable
		api.get("/api/interviews/{id}/report.md", id).exchange().expectStatus().isOk();
	}

	@Test
	void anInterviewLeftUntouchedIsAbandonedWithItsReportAndStaysReviewable() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		api.answer(interview, interview.get("currentTurn"), "I think the stack belongs to a thread.");
		this.database.sql("update interview set updated_at = now() - interval '30 days' where id = :id")
			.bind("id", java.util.UUID.fromString(id))
			.then()
			.block();
		this.sweep.sweep().block(java.time.Duration.ofSeconds(60));
		JsonNode abandoned = api.getJson("/api/interviews/{id}", id);
		assertThat(abandoned.get("status").asString()).isEqualTo("ABANDONED");
		assertThat(abandoned.get("finishedAt").isNull()).isFalse();
		assertThat(abandoned.get("report").get("answered").asInt()).isEqualTo(1);
		api.post("/api/interviews/{id}/finish", id).exchange().expectStatus().isEqualTo(409);
		api.get("/api/interviews/{id}/report.md", id).exchange().expectStatus().isOk();
	}

	@Test
	void refusesMalformedInterviews() {
		Api api = Api.newCandidate(this.client);
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "questionCount", 0, "mode", "easy"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(2);
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "questionIds",
					List.of(java.util.UUID.randomUUID().toString())))
			.exchange()
			.expectStatus()
			.isBadRequest();
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "categories", List.of("astrology")))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void limitsGradedAnswersPerMinuteAndSaysWhenToRetry() {
		Api api = Api.newCandidate(this.client);
		int limit = this.properties.rateLimit().answersPerMinute();
		for (int i = 0; i < limit; i++) {
			JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
			api.answer(interview, interview.get("currentTurn"), "hashing and sorted keys");
		}
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();
		answer(api, id, turn, Map.of("text", "one too many")).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// the refused answer was not saved: the turn still waits for it
		assertThat(api.getJson("/api/interviews/{id}", id).get("currentTurn").get("status").asString())
			.isEqualTo("ASKED");
		// another candidate is not affected
		Api other = Api.newCandidate(this.client);
		JsonNode theirs = other.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		other.answer(theirs, theirs.get("currentTurn"), "hashing");
	}

	private WebTestClient.ResponseSpec answer(Api api, String id, String turn, Map<String, Object> body) {
		return api.post("/api/interviews/{id}/turns/{turn}/answer", id, turn)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
