package dev.rehearse.review;

import java.time.Duration;
import java.time.Instant;
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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Spaced review over real HTTP: the schedule each verdict feeds, the due list, review mode. */
@DatabaseTest
class ReviewIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	QuestionCatalog catalog;

	@Autowired
	DatabaseClient database;

	@Test
	void gradedQuestionsComeDueByTheirScheduleMostOverdueFirstAndOnlyForTheirOwner() {
		List<Question> questions = SeedBank.questions(this.catalog);
		Question weak = questions.get(0);
		Question strong = questions.get(1);
		Api owner = Api.newCandidate(this.client);
		Api other = Api.newCandidate(this.client);
		String interview = answerBoth(owner, weak, strong);

		// graded today: nothing is due before tomorrow
		JsonNode due = owner.getJson("/api/review/due");
		assertThat(due.get("count").asInt()).isZero();
		assertThat(due.get("questions")).isEmpty();
		assertThat(Instant.parse(due.get("nextDueAt").asString())).isBetween(Instant.now().plus(Duration.ofHours(23)),
				Instant.now().plus(Duration.ofHours(25)));
		JsonNode mastery = owner.getJson("/api/review/mastery").get("questions");
		assertThat(mastery).hasSize(2);
		JsonNode weakMastery = find(mastery, weak.id());
		JsonNode strongMastery = find(mastery, strong.id());
		assertThat(weakMastery.get("repetitions").asInt()).isZero();
		assertThat(weakMastery.get("lastScore").asDouble()).isLessThanOrEqualTo(2);
		assertThat(strongMastery.get("repetitions").asInt()).isEqualTo(1);
		assertThat(strongMastery.get("lastScore").asDouble()).isGreaterThanOrEqualTo(5);
		assertThat(strongMastery.get("ease").asDouble()).isGreaterThan(weakMastery.get("ease").asDouble());
		assertThat(strongMastery.get("title").asString()).isEqualTo(strong.text());
		assertThat(strongMastery.get("bankId").asString()).isEqualTo(SeedBank.ID);
		assertThat(strongMastery.get("reviews").asInt()).isEqualTo(1);

		// a few days pass: both are due, the one reviewed longest ago first
		age(interview, weak.id(), 3);
		age(interview, strong.id(), 2);
		due = owner.getJson("/api/review/due");
		assertThat(due.get("count").asInt()).isEqualTo(2);
		assertThat(due.get("questions").valueStream().map((q) -> q.get("questionId").asString()))
			.containsExactly(weak.id().toString(), strong.id().toString());
		JsonNode first = due.get("questions").get(0);
		assertThat(first.get("bankTitle").asString()).isNotBlank();
		assertThat(first.get("title").asString()).isEqualTo(weak.text());
		assertThat(first.get("category").asString()).isEqualTo(weak.category());
		assertThat(Instant.parse(first.get("dueAt").asString())).isBefore(Instant.now().minus(Duration.ofDays(1)));
		assertThat(owner.getJson("/api/review/due?bankId={bank}", "no-such-bank").get("count").asInt()).isZero();

		// nobody else sees them, nor can review them
		JsonNode theirs = other.getJson("/api/review/due");
		assertThat(theirs.get("count").asInt()).isZero();
		assertThat(theirs.path("nextDueAt").isMissingNode() || theirs.get("nextDueAt").isNull()).isTrue();
		assertThat(other.getJson("/api/review/mastery").get("questions")).isEmpty();
		other.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mode", "review"))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
	}

	@Test
	void reviewModeAsksTheDueQuestionsMostOverdueFirstAndAGoodAnswerPutsThemOff() {
		List<Question> questions = SeedBank.questions(this.catalog);
		Question weak = questions.get(2);
		Question strong = questions.get(3);
		Api api = Api.newCandidate(this.client);
		String interview = answerBoth(api, weak, strong);
		age(interview, weak.id(), 5);
		age(interview, strong.id(), 2);

		JsonNode review = api.begin(Map.of("mode", "review", "style", "friendly"));
		assertThat(review.get("mode").asString()).isEqualTo("review");
		assertThat(review.get("style").asString()).isEqualTo("friendly");
		assertThat(review.get("bankId").asString()).isEqualTo(SeedBank.ID);
		assertThat(review.get("questionCount").asInt()).isEqualTo(2);
		assertThat(review.get("currentTurn").get("questionId").asString()).isEqualTo(weak.id().toString());

		// this time the weak one is answered well: it is no longer due, and its next review is days away
		api.answer(review, review.get("currentTurn"), SeedBank.fullAnswer(weak));
		JsonNode due = api.getJson("/api/review/due");
		assertThat(due.get("questions").valueStream().map((q) -> q.get("questionId").asString()))
			.containsExactly(strong.id().toString());
		JsonNode mastery = find(api.getJson("/api/review/mastery").get("questions"), weak.id());
		assertThat(mastery.get("reviews").asInt()).isEqualTo(2);
		assertThat(mastery.get("repetitions").asInt()).isEqualTo(1);
		assertThat(Instant.parse(mastery.get("dueAt").asString())).isAfter(Instant.now());
		assertThat(api.getJson("/api/interviews").get("items").get(0).get("mode").asString()).isEqualTo("review");
	}

	@Test
	void nothingDueIsAConflictThatSaysWhenTheNextQuestionComesDue() {
		Api api = Api.newCandidate(this.client);
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mode", "review"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Nothing to review")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).startsWith("No question is due for review now."))
			.jsonPath("$.nextDueAt")
			.doesNotExist();

		Question question = SeedBank.questions(this.catalog).get(4);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds", List.of(question.id().toString())));
		api.answer(interview, interview.get("currentTurn"), SeedBank.fullAnswer(question));
		JsonNode problem = Api.parse(api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "zh-CN")
			.bodyValue(Map.of("mode", "review"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(problem.get("title").asString()).isEqualTo("暂无需要复习的题目");
		assertThat(Instant.parse(problem.get("nextDueAt").asString())).isAfter(Instant.now());
	}

	@Test
	void aFollowUpCountsTowardItsQuestionInTheSameInterview() {
		List<Question> questions = SeedBank.questions(this.catalog);
		Question question = questions.get(0);
		List<KeyPoint> points = question.keyPoints();
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds",
				List.of(question.id().toString(), questions.get(1).id().toString())));
		List<Api.Event> events = api.answer(interview, interview.get("currentTurn"),
				String.join(". ", SeedBank.texts(points.subList(0, points.size() - 2))) + ".");
		double first = event(events, "verdict").get("verdict").get("score").asDouble();
		JsonNode followUp = event(events, "question").get("turn");
		assertThat(followUp.get("kind").asString()).isEqualTo("follow-up");
		events = api.answer(interview.get("id").asString(), followUp.get("id").asString(),
				Map.of("text", "I do not know."));
		double second = event(events, "verdict").get("verdict").get("score").asDouble();

		JsonNode mastery = find(api.getJson("/api/review/mastery").get("questions"), question.id());
		assertThat(mastery.get("reviews").asInt()).as("one review per interview").isEqualTo(1);
		assertThat(mastery.get("lastScore").asDouble()).isCloseTo((first + second) / 2, within(1e-9));
	}

	/** Begins an interview of the two questions and answers the first badly, the second fully. */
	private String answerBoth(Api api, Question weak, Question strong) {
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionIds",
				List.of(weak.id().toString(), strong.id().toString())));
		List<Api.Event> events = api.answer(interview, interview.get("currentTurn"), "I do not know.");
		JsonNode next = event(events, "question").get("turn");
		assertThat(next.get("questionId").asString()).isEqualTo(strong.id().toString());
		events = api.answer(interview, next, SeedBank.fullAnswer(strong));
		assertThat(events).extracting(Api.Event::name).contains("verdict");
		return interview.get("id").asString();
	}

	/** Moves a review {@code days} into the past, as if that many days had gone by since. */
	private void age(String interviewId, UUID questionId, int days) {
		Long updated = this.database.sql("""
				update review_outcome set reviewed_at = reviewed_at - make_interval(days => :days)
				where interview_id = :interview and question_id = :question""")
			.bind("days", days)
			.bind("interview", UUID.fromString(interviewId))
			.bind("question", questionId)
			.fetch()
			.rowsUpdated()
			.block();
		assertThat(updated).isEqualTo(1);
	}

	private static JsonNode find(JsonNode questions, UUID questionId) {
		return questions.valueStream()
			.filter((q) -> q.get("questionId").asString().equals(questionId.toString()))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode event(List<Api.Event> events, String name) {
		return events.stream().filter((event) -> event.name().equals(name)).reduce((a, b) -> b).orElseThrow().data();
	}

}
