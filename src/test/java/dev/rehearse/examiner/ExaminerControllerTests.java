package dev.rehearse.examiner;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

class ExaminerControllerTests {

	@Test
	void describesTheOfflineExaminer() {
		WebTestClient client = WebTestClient.bindToController(new ExaminerController(new TestOfflineExaminer(), properties(4000))).build();
		client.get().uri("/api/examiner").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.kind").isEqualTo("offline")
			.jsonPath("$.provider").isEqualTo("local")
			.jsonPath("$.model").isEqualTo("offline examiner")
			.jsonPath("$.label").isEqualTo("Offline examiner")
			.jsonPath("$.maxAnswerChars").isEqualTo(4000);
	}

	@Test
	void describesTheModelAndItsProvider() {
		Examiner llm = new ScreenedExaminer(new TestOfflineExaminer() {
			@Override
			public ExaminerInfo info() {
				return new ExaminerInfo("llm", "openai", "deepseek-chat");
			}
		}, 100);
		WebTestClient client = WebTestClient.bindToController(new ExaminerController(llm, properties(1200))).build();
		client.get().uri("/api/examiner").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.kind").isEqualTo("llm")
			.jsonPath("$.model").isEqualTo("deepseek-chat")
			.jsonPath("$.label").isEqualTo("deepseek-chat via openai")
			.jsonPath("$.maxAnswerChars").isEqualTo(1200);
	}

	/** The examiner's settings as bound from an empty configuration, with this answer limit. */
	private static ExaminerProperties properties(int maxAnswerChars) {
		return new Binder(new MapConfigurationPropertySource(
				Map.of("rehearse.examiner.max-answer-chars", String.valueOf(maxAnswerChars))))
			.bindOrCreate("rehearse.examiner", ExaminerProperties.class);
	}

}
