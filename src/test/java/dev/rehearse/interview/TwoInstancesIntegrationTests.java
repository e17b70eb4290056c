package dev.rehearse.interview;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.RehearseApplication;
import dev.rehearse.TestDatabase;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.BrowserSession;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on two ports against one PostgreSQL, as behind a load balancer without sticky
 * sessions: signed in through one, the candidate goes on through the other.
 */
@DatabaseTest
class TwoInstancesIntegrationTests {

	static ConfigurableApplicationContext second;

	@Autowired
	WebTestClient first;

	@Autowired
	QuestionCatalog catalog;

	@BeforeAll
	static void startSecondInstance() {
		TestDatabase database = TestDatabase.get();
		// command-line arguments: they win over application.yml, as the test database's settings must
		second = new SpringApplicationBuilder(RehearseApplication.class).run("--server.port=0",
				"--rehearse.database.url=" + database.url(),
				"--rehearse.database.username=" + ((database.username() != null) ? database.username() : ""),
				"--rehearse.database.password=" + ((database.password() != null) ? database.password() : ""),
				"--rehearse.database.embedded.enabled=false");
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aSessionFromOneInstanceCarriesTheInterviewOnTheOther() {
		WebTestClient other = WebTestClient
			.bindToServer()
			.baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port"))
			.build();
		Question question = SeedBank.questions(this.catalog).get(0);
		Api candidate = Api.newCandidate(this.first);
		BrowserSession onFirst = BrowserSession.login(this.first, candidate.username(), candidate.password());
		BrowserSession onSecond = onFirst.on(other);

		JsonNode interview = Api.parse(onFirst.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "questionIds", List.of(question.id().toString())))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		String id = interview.get("id").asString();

		onSecond.get("/api/me").exchange().expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(candidate.username());
		List<Api.Event> events = Api.events(onSecond
			.post("/api/interviews/{id}/turns/{turn}/answer", id, interview.get("currentTurn").get("id").asString())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("text", SeedBank.fullAnswer(question)))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody());
		assertThat(events).extracting(Api.Event::name).startsWith("saved").contains("verdict");

		// the first instance sees what the second one graded
		JsonNode seen = Api.parse(onFirst.get("/api/interviews/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(seen.get("turns").get(0).get("status").asString()).isEqualTo("GRADED");

		// signing out on one instance signs out on both
		onSecond.post("/api/auth/logout").exchange().expectStatus().isNoContent();
		onFirst.get("/api/me").exchange().expectStatus().isUnauthorized();
	}

}
