package dev.rehearse.interview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.rehearse.interview.InterviewFlowIntegrationTests.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The interviewer's style over real HTTP with the offline examiner: how it speaks, never how it grades. */
@DatabaseTest
class InterviewerStyleIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	QuestionCatalog catalog;

	@Test
	void theSameAnswerGetsTheSameGradeInEveryStyleWhileTheInterviewerSpeaksInItsOwn() {
		Question question = SeedBank.questions(this.catalog).get(0);
		String answer = FollowUpPolicyIntegrationTests.partial(question);
		Api api = Api.newCandidate(this.client);
		Map<String, JsonNode> verdicts = new LinkedHashMap<>();
		List<String> openers = new ArrayList<>();
		List<String> followUps = new ArrayList<>();
		for (String style : List.of("friendly", "neutral", "strict")) {
			JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "style", style, "questionIds",
					List.of(question.id().toString())));
			assertThat(interview.get("style").asString()).isEqualTo(style);
			openers.add(interview.get("currentTurn").get("spokenText").asString());
			List<Api.Event> events = api.answer(interview, interview.get("currentTurn"), answer);
			verdicts.put(style, event(events, "verdict").get("verdict"));
			followUps.add(event(events, "question").get("turn").get("spokenText").asString());
			assertThat(api.getJson("/api/interviews/{id}", interview.get("id").asString()).get("style").asString())
				.isEqualTo(style);
		}
		JsonNode neutral = verdicts.get("neutral");
		assertThat(verdicts.values()).allSatisfy((verdict) -> {
			assertThat(verdict.get("score").asDouble()).isEqualTo(neutral.get("score").asDouble());
			assertThat(verdict.get("keyPoints")).isEqualTo(neutral.get("keyPoints"));
		});
		assertThat(openers).doesNotHaveDuplicates();
		assertThat(followUps).doesNotHaveDuplicates();
		assertThat(api.getJson("/api/interviews").get("items").valueStream().map((item) -> item.get("style").asString()))
			.containsExactly("strict", "neutral", "friendly");
	}

	@Test
	void aStrictInterviewerAsksOneMoreFollowUpWhereANeutralOneMovesOn() {
		List<Question> questions = SeedBank.questions(this.catalog);
		Question question = questions.get(0);
		List<KeyPoint> points = question.keyPoints();
		// the follow-up asks about the two points left out; its answer gives one of them
		String partly = SeedBank.texts(points.subList(points.size() - 2, points.size() - 1)).get(0) + ".";
		Map<String, String> after = new LinkedHashMap<>();
		for (String style : List.of("neutral", "strict")) {
			Api api = Api.newCandidate(this.client);
			JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "style", style, "questionIds",
					List.of(question.id().toString(), questions.get(1).id().toString())));
			List<Api.Event> events = api.answer(interview, interview.get("currentTurn"),
					FollowUpPolicyIntegrationTests.partial(question));
			JsonNode followUp = event(events, "question").get("turn");
			assertThat(followUp.get("kind").asString()).isEqualTo("follow-up");
			events = api.answer(interview.get("id").asString(), followUp.get("id").asString(), Map.of("text", partly));
			assertThat(event(events, "verdict").get("verdict").get("score").asDouble()).as("not a weak answer")
				.isGreaterThan(Grading.WEAK_SCORE);
			after.put(style, event(events, "question").get("turn").get("kind").asString());
		}
		assertThat(after).containsEntry("neutral", "question").containsEntry("strict", "follow-up");
	}

	@Test
	void anUnknownStyleIsRefusedNamingTheThreeThereAre() {
		Api api = Api.newCandidate(this.client);
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "style", "sarcastic"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("style")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must be friendly, neutral or strict");
		assertThat(api.begin(Map.of("bankId", SeedBank.ID)).get("style").asString()).isEqualTo("neutral");
	}

}
