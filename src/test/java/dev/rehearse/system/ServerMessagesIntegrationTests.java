package dev.rehearse.system;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The same refused request gets its problem in English or in Chinese, as Accept-Language asks. */
@DatabaseTest
class ServerMessagesIntegrationTests {

	private static final String ENGLISH = "en-GB,en;q=0.9";

	private static final String CHINESE = "zh-CN,zh;q=0.9,en;q=0.5";

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Test
	void aValidationErrorNamesTheFieldInEitherLanguage() {
		Api api = Api.newCandidate(this.client);
		Map<String, Object> begin = Map.of("bankId", SeedBank.ID, "questionCount", 0);
		JsonNode english = problem(api.post("/api/interviews").header(HttpHeaders.ACCEPT_LANGUAGE, ENGLISH)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(begin), 400);
		JsonNode chinese = problem(api.post("/api/interviews").header(HttpHeaders.ACCEPT_LANGUAGE, CHINESE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(begin), 400);
		assertThat(english.get("title").asString()).isEqualTo("Invalid request");
		assertThat(english.get("detail").asString()).isEqualTo("questionCount must be between 1 and 20");
		assertThat(chinese.get("title").asString()).isEqualTo("请求无效");
		assertThat(chinese.get("detail").asString()).isEqualTo("questionCount 必须在 1 到 20 之间");
		assertThat(chinese.get("errors").get(0).get("field").asString()).isEqualTo("questionCount");
	}

	@Test
	void theSecurityLayersRefusalsInEitherLanguage() {
		JsonNode english = problem(this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.ACCEPT_LANGUAGE, ENGLISH)
			.headers((headers) -> headers.setBasicAuth("nobody-" + System.nanoTime(), "wrong-password-1")), 401);
		JsonNode chinese = problem(this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.ACCEPT_LANGUAGE, CHINESE)
			.headers((headers) -> headers.setBasicAuth("nobody-" + System.nanoTime(), "wrong-password-1")), 401);
		assertThat(english.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(english.get("detail").asString()).isEqualTo("The username or password is wrong.");
		assertThat(chinese.get("title").asString()).isEqualTo("未登录");
		assertThat(chinese.get("detail").asString()).isEqualTo("用户名或密码错误。");
		JsonNode signInFirst = problem(this.client.get().uri("/api/me").header(HttpHeaders.ACCEPT_LANGUAGE, CHINESE), 401);
		assertThat(signInFirst.get("detail").asString()).startsWith("请先登录");
	}

	@Test
	void tooLongConflictAndNotFoundInEitherLanguage() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();

		Map<String, Object> tooLong = Map.of("text", "x".repeat(4001));
		assertThat(problem(answer(api, id, turn, tooLong, ENGLISH), 413).get("detail").asString())
			.isEqualTo("The answer is 4001 characters long; the limit is 4000 characters.");
		assertThat(problem(answer(api, id, turn, tooLong, CHINESE), 413).get("detail").asString())
			.isEqualTo("回答共 4001 个字符，上限是 4000 个字符。");

		api.answer(id, turn, Map.of("text", "hashing and sorting"));
		Map<String, Object> again = Map.of("text", "again");
		JsonNode conflict = problem(answer(api, id, turn, again, ENGLISH), 409);
		assertThat(conflict.get("title").asString()).isEqualTo("Conflict");
		assertThat(conflict.get("detail").asString()).isEqualTo("This question was already answered.");
		assertThat(problem(answer(api, id, turn, again, CHINESE), 409).get("detail").asString())
			.isEqualTo("这道题已经回答过了。");

		String unknown = UUID.randomUUID().toString();
		assertThat(problem(api.get("/api/interviews/{id}", unknown).header(HttpHeaders.ACCEPT_LANGUAGE, ENGLISH), 404)
			.get("detail")
			.asString()).isEqualTo("No such interview.");
		JsonNode notFound = problem(
				api.get("/api/interviews/{id}", unknown).header(HttpHeaders.ACCEPT_LANGUAGE, CHINESE), 404);
		assertThat(notFound.get("title").asString()).isEqualTo("未找到");
		assertThat(notFound.get("detail").asString()).isEqualTo("没有这场面试。");
	}

	@Test
	void theRateLimitSaysWhenToRetryInEitherLanguage() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		String id = interview.get("id").asString();
		String turn = interview.get("currentTurn").get("id").asString();
		// the minute's allowance used up, as ten answers would
		this.database.sql("update app_user set grading_grants = array_fill(now(), array[10]) where username = :name")
			.bind("name", api.username())
			.then()
			.block();
		JsonNode english = problem(answer(api, id, turn, Map.of("text", "hashing"), ENGLISH), 429);
		assertThat(english.get("title").asString()).isEqualTo("Too many answers");
		assertThat(english.get("detail").asString()).startsWith("At most 10 answers can be graded per minute. Try again in ")
			.contains(" seconds; the answer was not saved.");
		JsonNode chinese = problem(answer(api, id, turn, Map.of("text", "hashing"), CHINESE), 429);
		assertThat(chinese.get("title").asString()).isEqualTo("回答过于频繁");
		assertThat(chinese.get("detail").asString()).startsWith("每分钟最多评分 10 个回答。");
	}

	@Test
	void problemsWrittenBeforeAnyControllerAreTranslatedToo() {
		JsonNode chinese = problem(this.client.post()
			.uri("/api/auth/login")
			.header(HttpHeaders.ACCEPT_LANGUAGE, CHINESE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "someone", "password", "something")), 415);
		assertThat(chinese.get("title").asString()).isEqualTo("不支持的内容类型");
		assertThat(chinese.get("detail").asString()).startsWith("请用表单提交登录");
	}

	private static WebTestClient.RequestHeadersSpec<?> answer(Api api, String id, String turn, Map<String, Object> body,
			String language) {
		return api.post("/api/interviews/{id}/turns/{turn}/answer", id, turn)
			.header(HttpHeaders.ACCEPT_LANGUAGE, language)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private static JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
		return Api.parse(request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

}
