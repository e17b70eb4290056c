package dev.rehearse.interview;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * The follow-up policy over HTTP with the offline examiner: no follow-up after "不知道" but a kind
 * move-on; a follow-up after a partial answer, with the reference and the missed details hidden
 * until it is answered or skipped; the skip endpoint; the report in the bank's language; honest
 * delivery figures. Answers are chosen so that their outcome does not hang on the scorer's
 * calibration: a partial answer states some key points word for word and leaves two out.
 */
@DatabaseTest
class FollowUpPolicyIntegrationTests {

	static final String ZH_BANK = "000_ea10622d267c88e5";

	@Autowired
	WebTestClient client;

	@Autowired
	QuestionCatalog catalog;

	@Test
	void noFollowUpAfterIDontKnowButAKindMoveOnInTheBanksLanguage() {
		Api api = Api.newCandidate(this.client);
		JsonNode zh = api.begin(Map.of("bankId", ZH_BANK, "questionCount", 2));
		List<Api.Event> events = api.answer(zh, zh.get("currentTurn"), "不知道");
		InterviewFlowIntegrationTests.assertInOrder(events, "question");
		JsonNode verdict = event(events, "verdict");
		assertThat(verdict.get("revealed").asBoolean()).isTrue();
		assertThat(verdict.get("referenceAnswer").asString()).isNotBlank();
		assertThat(verdict.get("parentTurnId").isNull()).isTrue();
		JsonNode next = event(events, "question").get("turn");
		assertThat(next.get("kind").asString()).isEqualTo("question");
		assertThat(next.get("spokenText").asString()).startsWith("没关系，");
		assertThat(next.get("skippable").asBoolean()).isFalse();

		JsonNode en = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		events = api.answer(en, en.get("currentTurn"), "I don't know.");
		assertThat(event(events, "verdict").get("revealed").asBoolean()).isTrue();
		next = event(events, "question").get("turn");
		assertThat(next.get("kind").asString()).isEqualTo("question");
		assertThat(next.get("spokenText").asString()).startsWith("No problem, let's move on");
	}

	@Test
	void aPartialAnswerIsFollowedUpWithTheReferenceAndMissedDetailsHiddenUntilItIsAnswered() {
		List<Question> questions = SeedBank.questions(this.catalog);
		Question question = questions.get(0);
		List<KeyPoint> left = question.keyPoints().subList(question.keyPoints().size() - 2, question.keyPoints().size());
		assertThat(left).as("the points left out have details to hide").anyMatch((p) -> !p.detail().isEmpty());
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds",
				List.of(question.id().toString(), questions.get(1).id().toString())));
		String id = interview.get("id").asString();
		JsonNode asked = interview.get("currentTurn");

		List<Api.Event> events = api.answer(interview, asked, partial(question));
		InterviewFlowIntegrationTests.assertInOrder(events, "question");
		JsonNode verdict = event(events, "verdict");
		assertThat(verdict.get("revealed").asBoolean()).isFalse();
		assertThat(verdict.get("referenceAnswer").isNull()).isTrue();
		assertHidden(verdict.get("verdict").get("keyPoints"), verdict.get("keyPoints"), left);
		assertThat(verdict.toString()).doesNotContain(details(left));
		JsonNode followUp = event(events, "question").get("turn");
		assertThat(followUp.get("kind").asString()).isEqualTo("follow-up");
		assertThat(followUp.get("parentTurnId").asString()).isEqualTo(asked.get("id").asString());
		assertThat(followUp.get("skippable").asBoolean()).isTrue();
		assertThat(followUp.toString()).doesNotContain(details(left));

		// the interview's detail hides the same while the follow-up is open
		JsonNode detail = api.getJson("/api/interviews/{id}", id);
		JsonNode graded = detail.get("turns").get(0);
		assertThat(graded.get("revealed").asBoolean()).isFalse();
		assertThat(graded.get("referenceAnswer").isNull()).isTrue();
		assertHidden(graded.get("verdict").get("keyPoints"), graded.get("keyPoints"), left);
		assertThat(detail.toString()).doesNotContain(details(left)).doesNotContain(question.referenceAnswer());
		assertThat(detail.get("currentTurn").get("id").asString()).isEqualTo(followUp.get("id").asString());

		// answering the follow-up reveals the question whole
		events = api.answer(id, followUp.get("id").asString(),
				Map.of("text", String.join(". ", SeedBank.texts(left)) + "."));
		JsonNode revealed = event(events, "verdict");
		assertThat(revealed.get("revealed").asBoolean()).isTrue();
		assertThat(revealed.get("parentTurnId").asString()).isEqualTo(asked.get("id").asString());
		assertThat(revealed.get("referenceAnswer").asString()).isEqualTo(question.referenceAnswer());
		assertThat(keyPoints(revealed.get("keyPoints"))).isEqualTo(question.keyPoints());
		graded = api.getJson("/api/interviews/{id}", id).get("turns").get(0);
		assertThat(graded.get("revealed").asBoolean()).isTrue();
		assertThat(graded.get("referenceAnswer").asString()).isEqualTo(question.referenceAnswer());
		assertThat(keyPoints(graded.get("keyPoints"))).isEqualTo(question.keyPoints());
	}

	@Test
	void skippingAFollowUpRevealsTheQuestionAndMovesOn() {
		List<Question> questions = SeedBank.questions(this.catalog);
		Question first = questions.get(0);
		Question second = questions.get(1);
		Api api = Api.newCandidate(this.client);
		Api other = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds",
				List.of(first.id().toString(), second.id().toString())));
		String id = interview.get("id").asString();
		JsonNode asked = interview.get("currentTurn");
		JsonNode followUp = event(api.answer(interview, asked, partial(first)), "question").get("turn");
		assertThat(followUp.get("kind").asString()).isEqualTo("follow-up");
		String followUpId = followUp.get("id").asString();

		skip(other, id, followUpId).expectStatus().isNotFound();
		skip(api, id, UUID.randomUUID().toString()).expectStatus().isNotFound();
		skip(api, id, asked.get("id").asString()).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("Only a follow-up"));

		JsonNode skipped = body(skip(api, id, followUpId).expectStatus().isOk());
		assertThat(skipped.get("skipped").get("id").asString()).isEqualTo(followUpId);
		assertThat(skipped.get("skipped").get("status").asString()).isEqualTo("SKIPPED");
		assertThat(skipped.get("skipped").get("skippable").asBoolean()).isFalse();
		JsonNode revealed = skipped.get("revealed");
		assertThat(revealed.get("turnId").asString()).isEqualTo(asked.get("id").asString());
		assertThat(revealed.get("referenceAnswer").asString()).isEqualTo(first.referenceAnswer());
		assertThat(keyPoints(revealed.get("keyPoints"))).isEqualTo(first.keyPoints());
		assertThat(revealed.get("verdict").get("keyPoints").valueStream().map((p) -> p.get("detail").asString()))
			.as("the verdict whole, details included")
			.contains(first.keyPoints().get(first.keyPoints().size() - 1).detail());
		assertThat(skipped.get("next").get("kind").asString()).isEqualTo("question");
		assertThat(skipped.get("next").get("questionId").asString()).isEqualTo(second.id().toString());
		assertThat(skipped.get("report").isNull()).isTrue();

		// a skipped follow-up is neither skipped again nor answered
		skip(api, id, followUpId).expectStatus().isEqualTo(409);
		api.post("/api/interviews/{id}/turns/{turn}/answer", id, followUpId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "late"))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		JsonNode detail = api.getJson("/api/interviews/{id}", id);
		assertThat(detail.get("turns").get(0).get("revealed").asBoolean()).isTrue();
		assertThat(detail.get("turns").get(1).get("status").asString()).isEqualTo("SKIPPED");
		assertThat(detail.get("answered").asInt()).isEqualTo(1);

		// skipping the last question's follow-up ends the interview with its report
		JsonNode lastFollowUp = event(api.answer(id, skipped.get("next").get("id").asString(),
				Map.of("text", partial(second))), "question").get("turn");
		assertThat(lastFollowUp.get("kind").asString()).isEqualTo("follow-up");
		skip(api, id, asked.get("id").asString()).expectStatus().isEqualTo(409);
		JsonNode ended = body(skip(api, id, lastFollowUp.get("id").asString()).expectStatus().isOk());
		assertThat(ended.get("next").isNull()).isTrue();
		assertThat(ended.get("report").get("answered").asInt()).isEqualTo(2);
		assertThat(api.getJson("/api/interviews/{id}", id).get("status").asString()).isEqualTo("FINISHED");
	}

	@Test
	void aChineseBanksReportIsInChineseInTheJsonAndTheMarkdown() {
		List<Question> questions = this.catalog.findQuestions(ZH_BANK, List.of()).collectList().block();
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", ZH_BANK, "questionIds",
				List.of(questions.get(0).id().toString(), questions.get(1).id().toString())));
		String id = interview.get("id").asString();
		JsonNode next = event(api.answer(interview, interview.get("currentTurn"), "不知道"), "question").get("turn");
		api.answer(interview, next, SeedBank.fullAnswer(questions.get(1)));
		JsonNode stored = finish(api, id);

		JsonNode json = api.getJson("/api/interviews/{id}/report", id);
		assertThat(json.get("language").asString()).isEqualTo("zh");
		assertThat(json.get("strengths")).isNotEmpty()
			.allSatisfy((strength) -> assertThat(strength.asString()).matches("(?s).*\\p{IsHan}.*"));
		assertThat(json.get("gaps")).isNotEmpty().hasSizeLessThanOrEqualTo(3);
		List<String> titles = questions.stream()
			.flatMap((q) -> q.keyPoints().stream())
			.map(KeyPoint::title)
			.toList();
		json.get("gaps").forEach((gap) -> assertThat(titles).contains(gap.get("title").asString()));
		assertThat(json.get("practise")).hasSizeBetween(1, 2);
		assertThat(json.get("practise").get(0).get("questionId").asString()).isEqualTo(questions.get(0).id().toString());
		assertThat(json.toString()).doesNotContain("Missed");
		assertThat(stored.get("language").asString()).isEqualTo("zh");
		assertThat(stored.get("gaps")).isEqualTo(json.get("gaps"));

		String markdown = markdown(api, id);
		assertThat(markdown).contains("# 面试报告：", "## 总分：", "## 需要加强的要点", "## 接下来练习", "## 对话记录", "**回答：**",
				"回答 2 次");
		assertThat(markdown).doesNotContain("Interview report", "Overall score", "Strengths", "Missed", "Practise next",
				"Transcript", "Answer:");
	}

	@Test
	void anEnglishBanksReportIsInEnglishWithItsPluralsRight() {
		Question question = SeedBank.questions(this.catalog).get(2);
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds", List.of(question.id().toString())));
		String id = interview.get("id").asString();
		api.answer(interview, interview.get("currentTurn"), SeedBank.fullAnswer(question));
		finish(api, id);
		JsonNode json = api.getJson("/api/interviews/{id}/report", id);
		assertThat(json.get("language").asString()).isEqualTo("en");
		assertThat(json.get("overall").asInt()).isBetween(1, 100);
		assertThat(json.get("categories").get(0).get("name").asString()).isEqualTo(question.category());
		assertThat(json.get("categories").get(0).get("answered").asInt()).isEqualTo(1);
		assertThat(json.get("strengths")).isNotEmpty()
			.allSatisfy((strength) -> assertThat(strength.asString()).doesNotMatch("(?s).*\\p{IsHan}.*"));
		String markdown = markdown(api, id);
		assertThat(markdown).contains("# Interview report: ", "- 1 answer, 1 graded", "## Strengths", "## Transcript")
			.doesNotContain("1 answers");
	}

	@Test
	void aTypedAnswerGetsNoSpeakingRateButASpokenOneDoes() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		List<Api.Event> typed = api.answer(id, interview.get("currentTurn").get("id").asString(),
				Map.of("text", "I don't know, sorry.", "inputMode", "text", "durationSeconds", 4));
		JsonNode delivery = event(typed, "verdict").get("delivery");
		assertThat(delivery.get("inputMode").asString()).isEqualTo("text");
		assertThat(delivery.get("perMinute").isNull()).as("typing is no speaking rate").isTrue();
		assertThat(delivery.get("words").asInt()).isEqualTo(4);
		JsonNode next = event(typed, "question").get("turn");
		List<Api.Event> spoken = api.answer(id, next.get("id").asString(),
				Map.of("text", "I don't know, sorry.", "inputMode", "voice", "durationSeconds", 4));
		delivery = event(spoken, "verdict").get("delivery");
		assertThat(delivery.get("inputMode").asString()).isEqualTo("voice");
		// 4 words in 4 seconds
		assertThat(delivery.get("perMinute").asDouble()).isEqualTo(60.0);
	}

	/** The first key points of the question word for word, the last two left out. */
	static String partial(Question question) {
		List<KeyPoint> points = question.keyPoints();
		return String.join(". ", SeedBank.texts(points.subList(0, points.size() - 2))) + ".";
	}

	/** Every point not covered shows its title without its detail, in the verdict and in the key points. */
	private static void assertHidden(JsonNode verdictPoints, JsonNode keyPoints, List<KeyPoint> left) {
		assertThat(verdictPoints.valueStream().filter((p) -> !p.get("coverage").asString().equals("COVERED")))
			.isNotEmpty()
			.allSatisfy((p) -> {
				assertThat(p.get("title").asString()).isNotBlank();
				assertThat(p.get("detail").asString()).isEmpty();
			});
		List<String> leftTitles = left.stream().map(KeyPoint::title).toList();
		assertThat(keyPoints.valueStream().filter((p) -> leftTitles.contains(p.get("title").asString())))
			.hasSize(left.size())
			.allSatisfy((p) -> assertThat(p.get("detail").asString()).isEmpty());
	}

	private static String[] details(List<KeyPoint> points) {
		return points.stream().map(KeyPoint::detail).filter((d) -> !d.isEmpty()).toArray(String[]::new);
	}

	private static List<KeyPoint> keyPoints(JsonNode points) {
		return points.valueStream()
			.map((p) -> new KeyPoint(p.get("title").asString(), p.get("detail").asString()))
			.toList();
	}

	private static WebTestClient.ResponseSpec skip(Api api, String id, String turnId) {
		return api.post("/api/interviews/{id}/turns/{turn}/skip", id, turnId).exchange();
	}

	private static JsonNode body(WebTestClient.ResponseSpec response) {
		return Api.parse(response.expectBody().returnResult().getResponseBody());
	}

	/** Ends the interview if the answers have not ended it (a follow-up may be open), and returns its report. */
	private static JsonNode finish(Api api, String id) {
		JsonNode interview = api.getJson("/api/interviews/{id}", id);
		if (interview.get("status").asString().equals("IN_PROGRESS")) {
			api.post("/api/interviews/{id}/finish", id).exchange().expectStatus().isOk();
		}
		return api.getJson("/api/interviews/{id}", id).get("report");
	}

	private static String markdown(Api api, String id) {
		return new String(api.get("/api/interviews/{id}/report.md", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
	}

}
