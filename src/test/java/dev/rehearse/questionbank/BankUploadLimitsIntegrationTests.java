package dev.rehearse.questionbank;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload limits, set small here: a file too large is a 413 whichever way it is sent, too many
 * questions a 413 naming the first line past the limit, a reference answer too long a 400 naming
 * its line, in the caller's language; the preview lists the same errors, and nothing is saved.
 */
@DatabaseTest
@TestPropertySource(properties = { "rehearse.banks.upload.max-bytes=2KB", "rehearse.banks.upload.max-questions=2",
		"rehearse.banks.upload.max-answer-chars=40", "rehearse.banks.upload.max-banks-per-user=1" })
class BankUploadLimitsIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void aFileOverTheSizeLimitIsA413HoweverItIsSent() {
		Api alice = Api.newCandidate(this.client);
		String large = "一、基础\n\n1. 问题？\n答：" + "很长的答案。".repeat(200) + "\n";
		JsonNode problem = problem(alice.post("/api/banks").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", large)), 413);
		assertThat(problem.get("detail").asString()).isEqualTo("The bank is larger than the 2 KB the server accepts.");
		problem(alice.post("/api/banks?dryRun=true").contentType(MediaType.TEXT_PLAIN).bodyValue(large), 413);
		problem(BankUploadIntegrationTests.multipart(alice.post("/api/banks"), "big.txt", large), 413);
		assertThat(BankUploadIntegrationTests.listedIds(alice)).noneMatch((id) -> id.startsWith("u"));
	}

	@Test
	void tooManyQuestionsIsA413NamingTheFirstLinePastTheLimit() {
		Api alice = Api.newCandidate(this.client);
		String three = "一、基础\n\n1. 第一题？\n答：短答案。\n\n2. 第二题？\n答：短答案。\n\n3. 第三题？\n答：短答案。\n";
		JsonNode problem = problem(alice.post("/api/banks").header(HttpHeaders.ACCEPT_LANGUAGE, "zh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", three)), 413);
		assertThat(problem.at("/errors/0/line").asInt()).isEqualTo(9);
		assertThat(problem.at("/errors/0/message").asString()).isEqualTo("题库有 3 道题，上限是 2 道；这是超出上限的第一道。");
		JsonNode preview = Api.parse(alice.post("/api/banks?dryRun=true").contentType(MediaType.TEXT_PLAIN)
			.bodyValue(three).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
		assertThat(preview.at("/errors/0/line").asInt()).isEqualTo(9);
		assertThat(BankUploadIntegrationTests.listedIds(alice)).noneMatch((id) -> id.startsWith("u"));
	}

	@Test
	void aReferenceAnswerOverTheLimitIsA400NamingItsLine() {
		Api alice = Api.newCandidate(this.client);
		String text = "一、基础\n\n1. 第一题？\n答：短答案。\n\n2. 第二题？\n答：" + "这个答案超过了四十个字符的上限。".repeat(3) + "\n";
		JsonNode problem = problem(alice.post("/api/banks").contentType(MediaType.TEXT_PLAIN).bodyValue(text), 400);
		assertThat(problem.at("/errors/0/line").asInt()).isEqualTo(6);
		assertThat(problem.at("/errors/0/message").asString())
			.isEqualTo("The reference answer is 48 characters long; the limit is 40.");
		assertThat(problem.get("detail").asString()).contains("line 6");
	}

	@Test
	void oneAccountKeepsAtMostTheConfiguredNumberOfBanks() {
		Api alice = Api.newCandidate(this.client);
		problem(alice.post("/api/banks?fileName=a.txt").contentType(MediaType.TEXT_PLAIN)
			.bodyValue("一、基础\n\n1. 第一题？\n答：短答案。\n"), 201);
		JsonNode problem = problem(alice.post("/api/banks?fileName=b.txt").contentType(MediaType.TEXT_PLAIN)
			.bodyValue("一、基础\n\n1. 第二题？\n答：短答案。\n"), 409);
		assertThat(problem.get("detail").asString()).contains("1 bank of your own");
	}

	private static JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
		return Api.parse(request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody());
	}

}
