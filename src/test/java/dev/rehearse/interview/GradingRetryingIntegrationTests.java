package dev.rehearse.interview;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.FakeModelTest;
import dev.rehearse.examiner.Examiner;
import dev.rehearse.examiner.GradingRequest;
import dev.rehearse.examiner.QuestionContext;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model that stalls is never a silent wait: the answer's stream says each time the examiner
 * tries again ({@code retrying} events), and the fallback verdict arrives within
 * {@code rehearse.examiner.max-grading-wait}.
 */
@FakeModelTest
@TestPropertySource(properties = {
		"rehearse.examiner.on-failure=fallback",
		"rehearse.examiner.retry.max-attempts=3",
		"rehearse.examiner.retry.backoff=20ms",
		"rehearse.examiner.first-token-timeout=1s",
		"rehearse.examiner.max-grading-wait=3500ms",
		"rehearse.examiner.spoken-timeout=300ms" })
class GradingRetryingIntegrationTests {

	static final FakeModelServer model = FakeModelServer.start();

	@Autowired
	WebTestClient client;

	@Autowired
	QuestionCatalog catalog;

	@Autowired
	@Qualifier("offlineExaminer")
	Examiner offlineExaminer;

	@Test
	void theStreamSaysWhenTheExaminerRetriesAndTheFallbackVerdictComesWithinTheWait() {
		model.reset();
		model.defaultReply(Reply.text("never in time").firstTokenDelay(Duration.ofSeconds(30)));
		Question question = this.catalog.findQuestions(LlmInterviewIntegrationTests.BANK, List.of()).blockFirst();
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", LlmInterviewIntegrationTests.BANK, "questionIds",
				List.of(question.id().toString())));
		// The fallback's local models load once: not part of the wait this test bounds.
		this.offlineExaminer.grade(new GradingRequest(new QuestionContext(question.text(), question.referenceAnswer(),
				question.keyPoints(), question.language()), "warm-up answer")).blockLast(Duration.ofMinutes(2));
		List<Api.Event> events = api.answer(interview, interview.get("currentTurn"),
				"Um, " + String.join(". ", SeedBank.texts(question.keyPoints()).subList(0, 2)));
		long end = System.nanoTime();
		List<FakeModelServer.RecordedRequest> gradings = model.requests().stream()
			.filter((r) -> !FakeModelServer.verdictMarker(r).equals(FakeModelServer.VERDICT_MARKER))
			.toList();
		assertThat(gradings).hasSize(3);
		// from the first call to the model to the end of the stream: the wait, the fallback grading, storage
		Duration took = Duration.ofNanos(end - gradings.get(0).receivedNanos());
		List<JsonNode> retrying = events.stream().filter((e) -> e.name().equals("retrying")).map(Api.Event::data).toList();
		assertThat(retrying).hasSize(2);
		assertThat(retrying.get(0).get("attempt").asInt()).isEqualTo(2);
		assertThat(retrying.get(0).get("of").asInt()).isEqualTo(3);
		assertThat(retrying.get(0).get("reason").asString()).isEqualTo("timeout");
		assertThat(retrying.get(1).get("attempt").asInt()).isEqualTo(3);
		assertThat(events.stream().map(Api.Event::name).toList().indexOf("retrying"))
			.isLessThan(events.stream().map(Api.Event::name).toList().indexOf("verdict"));
		JsonNode verdict = InterviewFlowIntegrationTests.event(events, "verdict").get("verdict");
		assertThat(verdict.get("provenance").get("fallback").asBoolean()).isTrue();
		assertThat(took).isLessThan(Duration.ofMillis(3500 + 2000));
	}

}
