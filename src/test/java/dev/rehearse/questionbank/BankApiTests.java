package dev.rehearse.questionbank;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.TestUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

@DatabaseTest
class BankApiTests {

	private static final String SEED = "000_ea10622d267c88e5";

	@Autowired
	WebTestClient client;

	@BeforeEach
	void signIn() {
		// the API needs a user; reloading banks needs an admin
		this.client = TestUsers.admin(this.client);
	}

	@Test
	void listsBanksWithQuestionAndCategoryCounts() {
		this.client.get()
			.uri("/api/banks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == '%s')].title".formatted(SEED)).isEqualTo("AI 大模型开发技术的面试之道")
			.jsonPath("$[?(@.id == '%s')].language".formatted(SEED)).isEqualTo("zh")
			.jsonPath("$[?(@.id == '%s')].questionCount".formatted(SEED)).isEqualTo(6)
			.jsonPath("$[?(@.id == '%s')].categories[*].name".formatted(SEED))
			.value(hasItems("AI 大模型基础面", "AI 大模型进阶面", "AI 大模型LangChain开发框架面", "AI 大模型向量数据库面"))
			.jsonPath("$[?(@.id == '%s')].categories[*].questionCount".formatted(SEED)).isEqualTo(java.util.List.of(2, 2, 1, 1))
			.jsonPath("$[?(@.id == 'java-backend-basics')].questionCount").isEqualTo(7)
			.jsonPath("$[?(@.id == 'java-backend-basics')].language").isEqualTo("en");
	}

	@Test
	void questionsNeverRevealReferenceAnswersOrKeyPoints() {
		byte[] content = this.client.get()
			.uri("/api/banks/{bank}/questions", SEED)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(6)
			.jsonPath("$[0].bankId").isEqualTo(SEED)
			.jsonPath("$[0].category").isEqualTo("AI 大模型基础面")
			.jsonPath("$[0].position").isEqualTo(1)
			.jsonPath("$[0].text").isEqualTo("目前主流的大模型体系有哪些?")
			.jsonPath("$[0].referenceAnswer").doesNotExist()
			.jsonPath("$[0].keyPoints").doesNotExist()
			.returnResult()
			.getResponseBodyContent();
		String body = new String(content, java.nio.charset.StandardCharsets.UTF_8);
		// nothing of the answers leaks under another name either
		assertThat(body).doesNotContain("Generative Pre-trained", "ChatOpenAI", "referenceAnswer", "keyPoints");
	}

	@Test
	void filtersQuestionsByCategory() {
		this.client.get()
			.uri("/api/banks/{bank}/questions?category={c}", "java-backend-basics", "Concurrency")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(2)
			.jsonPath("$[*].category").value(hasItems("Concurrency"))
			.jsonPath("$[0].difficulty").isEqualTo("medium")
			.jsonPath("$[0].tags[0]").isEqualTo("concurrency");
	}

	@Test
	void showsOneQuestionByIdWithoutItsAnswer() {
		UUID id = BankRepository.questionId(SEED, "Q5");
		this.client.get()
			.uri("/api/banks/{bank}/questions/{id}", SEED, id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id").isEqualTo(id.toString())
			.jsonPath("$.text").isEqualTo("LangChain Agent 是如何工作和使用?")
			.jsonPath("$.referenceAnswer").doesNotExist()
			.jsonPath("$.keyPoints").doesNotExist();
	}

	@Test
	void unknownBankIsA404Problem() {
		this.client.get()
			.uri("/api/banks/{bank}/questions", "no-such-bank")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(404)
			.jsonPath("$.detail").isEqualTo("No question bank 'no-such-bank'.");
	}

	@Test
	void unknownMalformedOrOtherBanksQuestionIsA404Problem() {
		for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid",
				BankRepository.questionId("java-backend-basics", "What is dependency injection, and why does Spring "
						+ "recommend constructor injection?").toString() }) {
			this.client.get()
				.uri("/api/banks/{bank}/questions/{id}", SEED, id)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void reloadReportsEveryFileOnceWithItsSource() {
		// the tests run in the source tree: ./seeds (the default directory) holds the very files
		// shipped on the classpath, and each bank is loaded once, as the shipped one
		this.client.post()
			.uri("/api/admin/banks/reload")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.files.length()").isEqualTo(2)
			.jsonPath("$.files[*].source").isEqualTo(java.util.List.of("classpath", "classpath"))
			.jsonPath("$.files[?(@.file == '000_ea10622d267c88e5.txt')].status").isEqualTo("unchanged")
			.jsonPath("$.files[?(@.file == '000_ea10622d267c88e5.txt')].questions").isEqualTo(6)
			.jsonPath("$.files[?(@.file == 'java-backend-basics.md')].bankId").isEqualTo("java-backend-basics");
	}

}
