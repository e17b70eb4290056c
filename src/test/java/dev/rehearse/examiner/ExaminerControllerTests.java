package dev.rehearse.examiner;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

class ExaminerControllerTests {

	@Test
	void describesTheOfflineExaminer() {
		WebTestClient client = WebTestClient.bindToController(new ExaminerController(new TestOfflineExaminer())).build();
		client.get().uri("/api/examiner").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.kind").isEqualTo("offline")
			.jsonPath("$.provider").isEqualTo("local")
			.jsonPath("$.model").isEqualTo("offline examiner")
			.jsonPath("$.label").isEqualTo("Offline examiner");
	}

	@Test
	void describesTheModelAndItsProvider() {
		Examiner llm = new ScreenedExaminer(new TestOfflineExaminer() {
			@Override
			public ExaminerInfo info() {
				return new ExaminerInfo("llm", "openai", "deepseek-chat");
			}
		}, 100);
		WebTestClient client = WebTestClient.bindToController(new ExaminerController(llm)).build();
		client.get().uri("/api/examiner").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.kind").isEqualTo("llm")
			.jsonPath("$.model").isEqualTo("deepseek-chat")
			.jsonPath("$.label").isEqualTo("deepseek-chat via openai");
	}

}
