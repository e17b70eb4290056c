package dev.rehearse.interview;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.InMemoryQuestionCatalog;
import dev.rehearse.testsupport.TestDoubles;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
@Import(TestDoubles.class)
class InterviewFlowIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Test
	void wholeInterviewWithAFollowUpEndsInAStoredReport() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", InMemoryQuestionCatalog.BANK, "questionCount", 2));
		assertThat(interview.get("status").asString()).isEqualTo("IN_PROGRESS");
		JsonNode turn = interview.get("currentTurn");
		assertThat(turn.get("spokenText").asString()).startsWith("Let's talk about this");
		assertThat(turn.get("referenceAnswer").isNull()).isTrue();

		List<Api.Event> first = api.answer(interview, turn, "Hmm, um, it uses hashing, like, you know.");
		assertThat(first).extracting(Api.Event::name).startsWith("saved", "feedback").endsWith("verdict", "question");
		JsonNode followUp = first.get(first.size() - 1).data().get("turn");
		System.out.println(first);
		assertThat(followUp.get("kind").asString()).isEqualTo("follow-up");
	}

}
