package dev.rehearse.examiner;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.rehearse.FakeModelTest;
import dev.rehearse.examiner.GradingEvent.Graded;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.ScriptedModel;
import dev.rehearse.testsupport.FakeModelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application configured with an OpenAI-compatible model (the fake server): the one
 * {@link Examiner} everyone injects is the screened LLM examiner, and the real offline examiner
 * stands in when the model fails.
 */
@FakeModelTest(model = "fake-chat")
@TestPropertySource(properties = { "rehearse.examiner.retry.backoff=20ms" })
class ExaminerIntegrationTests {

	static final FakeModelServer server = FakeModelServer.start();

	@AfterAll
	static void stop() {
		server.close();
	}

	@Autowired
	Examiner examiner;

	@Autowired
	ExaminerController controller;

	@BeforeEach
	void reset() {
		server.reset();
	}

	@Test
	void theExaminerEveryoneGetsIsTheScreenedLlmExaminer() {
		assertThat(this.examiner).isInstanceOf(ScreenedExaminer.class);
		assertThat(this.controller.examiner())
			.isEqualTo(new ExaminerController.ExaminerView("llm", "openai", "fake-chat", "fake-chat via openai", 4000));
	}

	@Test
	void gradesThroughTheModel() {
		server.defaultReply(Reply.text(ScriptedModel.parrot()));
		Verdict verdict = verdict(LlmExaminerTests.HALF_ANSWER);
		assertThat(verdict.score()).isEqualTo(5);
		assertThat(verdict.provenance()).isEqualTo(new Verdict.Provenance("llm", "openai", "fake-chat", "v2", false));
	}

	@Test
	void theRealOfflineExaminerStandsInWhenTheModelFails() {
		server.defaultReply(Reply.status(500));
		Verdict verdict = verdict(LlmExaminerTests.HALF_ANSWER);
		assertThat(verdict.provenance().examiner()).isEqualTo("offline");
		assertThat(verdict.provenance().fallback()).isTrue();
		assertThat(verdict.keyPoints()).extracting(Verdict.KeyPointResult::keyPoint)
			.containsExactlyElementsOf(LlmExaminerTests.QUESTION.keyPoints());
		assertThat(server.requestCount()).isEqualTo(3);
	}

	private Verdict verdict(String answer) {
		List<GradingEvent> events = this.examiner.grade(new GradingRequest(LlmExaminerTests.QUESTION, answer))
			.collectList()
			.block(Duration.ofSeconds(120));
		assertThat(events).last().isInstanceOf(Graded.class);
		return ((Graded) events.get(events.size() - 1)).verdict();
	}

}
