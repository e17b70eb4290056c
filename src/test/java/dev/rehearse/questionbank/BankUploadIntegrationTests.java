package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Banks users upload, over real HTTP: the preview with every warning and error on its line, saving,
 * re-uploading (question ids stay), deleting (past interviews keep their questions), a bank that
 * fails to store leaving nothing behind, and a private bank that no other user can reach by any
 * endpoint.
 */
@DatabaseTest
class BankUploadIntegrationTests {

	static final String MARKDOWN = """
			---
			id: my-kafka
			title: Kafka 面试题
			---

			## 基础

			### Kafka 为什么吞吐量高？
			Id: throughput

			顺序写磁盘、页缓存和零拷贝。

			Key points:
			- 顺序写：追加写日志文件，避免随机 IO
			- 零拷贝：sendfile 直接从页缓存发到网卡

			### 消费者组是什么？
			Id: groups

			同一个组内的消费者分摊分区，一个分区只被组内一个消费者消费。
			""";

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Test
	void previewShowsCategoriesQuestionsKeyPointTitlesFollowUpsAndWarningsWithoutSaving() throws IOException {
		Api alice = Api.newCandidate(this.client);
		JsonNode preview = uploadFile(alice, "/api/banks?dryRun=true", "redis.txt", fixture("follow-up-chains.txt"), 200);
		assertThat(preview.get("saved").asBoolean()).isFalse();
		assertThat(preview.get("format").asString()).isEqualTo("article");
		assertThat(preview.get("title").asString()).isEqualTo("Redis 面试连环问：从缓存到分布式锁");
		assertThat(preview.get("categories").findValuesAsString("name")).containsExactly("缓存", "分布式锁");
		JsonNode first = preview.at("/categories/0/questions/0");
		assertThat(first.get("line").asInt()).isEqualTo(7);
		assertThat(first.get("text").asString()).isEqualTo("Redis 为什么这么快？");
		assertThat(strings(first.get("keyPoints"))).containsExactly("基于内存", "单线程模型", "IO 多路复用", "高效的数据结构");
		assertThat(strings(first.get("followUps"))).hasSize(2);
		assertThat(preview.at("/warnings/0/line").asInt()).isEqualTo(48);
		assertThat(preview.get("errors")).isEmpty();
		assertThat(preview.toString()).doesNotContain("referenceAnswer", "数据都在内存里");
		// nothing saved
		assertThat(listedIds(alice)).noneMatch((id) -> id.startsWith("u"));
	}

	@Test
	void previewOfABrokenFileListsEveryErrorWithItsLineAndSavingItIsA400NamingThem() throws IOException {
		Api alice = Api.newCandidate(this.client);
		JsonNode preview = uploadFile(alice, "/api/banks?dryRun=true", "jvm.txt", fixture("broken-numbered.txt"), 200);
		assertThat(preview.get("errors").findValuesAsString("line")).containsExactly("10", "13", "15");
		JsonNode problem = Api.parse(alice.post("/api/banks")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", fixture("broken-numbered.txt"), "fileName", "jvm.txt"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(problem.get("detail").asString()).startsWith("题库无法保存：共 3 个问题，第一个在第 10 行");
		assertThat(problem.get("errors").findValuesAsString("line")).containsExactly("10", "13", "15");
		assertThat(listedIds(alice)).noneMatch((id) -> id.startsWith("u"));
	}

	@Test
	void aSavedBankIsListedAsYoursAndAnInterviewStartsOnIt() {
		Api alice = Api.newCandidate(this.client);
		JsonNode saved = paste(alice, MARKDOWN, 201);
		String bankId = saved.get("bankId").asString();
		assertThat(bankId).matches("u\\d+~my-kafka");
		assertThat(saved.get("saved").asBoolean()).isTrue();
		JsonNode banks = alice.getJson("/api/banks");
		JsonNode mine = find(banks, bankId);
		assertThat(mine.get("owner").asString()).isEqualTo("you");
		assertThat(mine.get("questionCount").asInt()).isEqualTo(2);
		assertThat(find(banks, "java-backend-basics").get("owner").asString()).isEqualTo("shared");
		JsonNode interview = alice.begin(Map.of("bankId", bankId, "questionCount", 2));
		assertThat(interview.get("bankTitle").asString()).isEqualTo("Kafka 面试题");
		// the same id again: 409, pointing at PUT
		JsonNode conflict = Api.parse(alice.post("/api/banks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", MARKDOWN))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(conflict.get("detail").asString()).contains("PUT /api/banks/" + bankId);
	}

	@Test
	void reUploadingKeepsTheIdsOfTheQuestionsItKeepsAndRetiresTheOthers() {
		Api alice = Api.newCandidate(this.client);
		String bankId = paste(alice, MARKDOWN, 201).get("bankId").asString();
		JsonNode before = alice.getJson("/api/banks/{id}/questions", bankId);
		String throughputId = before.get(0).get("id").asString();
		String groupsId = before.get(1).get("id").asString();
		String changed = MARKDOWN.replace("### Kafka 为什么吞吐量高？", "### Kafka 的吞吐量为什么这么高？")
			.replace("### 消费者组是什么？\nId: groups\n\n同一个组内的消费者分摊分区，一个分区只被组内一个消费者消费。\n",
					"### ISR 是什么？\nId: isr\n\n与 leader 保持同步的副本集合。\n");
		JsonNode replaced = Api.parse(alice.put("/api/banks/{id}", bankId)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(changed)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(replaced.get("bankId").asString()).isEqualTo(bankId);
		JsonNode after = alice.getJson("/api/banks/{id}/questions", bankId);
		assertThat(after.findValuesAsString("text")).containsExactly("Kafka 的吞吐量为什么这么高？", "ISR 是什么？");
		assertThat(after.get(0).get("id").asString()).isEqualTo(throughputId);
		assertThat(after.get(1).get("id").asString()).isNotEqualTo(groupsId);
		assertThat(alice.getJson("/api/banks/{id}/questions/{q}", bankId, groupsId).get("retired").asBoolean()).isTrue();
	}

	@Test
	void deletingABankLeavesPastInterviewsOnItReviewable() {
		Api alice = Api.newCandidate(this.client);
		String bankId = paste(alice, MARKDOWN, 201).get("bankId").asString();
		JsonNode interview = alice.begin(Map.of("bankId", bankId, "questionCount", 1));
		String asked = interview.at("/currentTurn/questionText").asString();
		List<Api.Event> events = alice.answer(interview, interview.get("currentTurn"), "顺序写和零拷贝。");
		assertThat(events).extracting(Api.Event::name).contains("verdict");

		alice.delete("/api/banks/{id}", bankId).exchange().expectStatus().isNoContent();

		assertThat(listedIds(alice)).doesNotContain(bankId);
		alice.get("/api/banks/{id}/questions", bankId).exchange().expectStatus().isNotFound();
		alice.delete("/api/banks/{id}", bankId).exchange().expectStatus().isNotFound();
		JsonNode review = alice.getJson("/api/interviews/{id}", interview.get("id").asString());
		assertThat(review.at("/turns/0/questionText").asString()).isEqualTo(asked);
		assertThat(review.at("/turns/0/referenceAnswer").asString()).isNotBlank();
		alice.get("/api/interviews/{id}/report", interview.get("id").asString()).exchange().expectStatus().isOk();
		alice.getJson("/api/progress");
		// a shared bank is nobody's to delete
		alice.delete("/api/banks/java-backend-basics").exchange().expectStatus().isForbidden();
	}

	@Test
	void anotherUserGetsNotFoundForAPrivateBankOnEveryEndpoint() {
		Api alice = Api.newCandidate(this.client);
		Api bob = Api.newCandidate(this.client);
		String bankId = paste(alice, MARKDOWN, 201).get("bankId").asString();
		String questionId = alice.getJson("/api/banks/{id}/questions", bankId).get(0).get("id").asString();

		assertThat(listedIds(bob)).doesNotContain(bankId);
		bob.get("/api/banks/{id}/questions", bankId).exchange().expectStatus().isNotFound();
		bob.get("/api/banks/{id}/questions/{q}", bankId, questionId).exchange().expectStatus().isNotFound();
		for (String mode : List.of("normal", "weak-spots")) {
			bob.post("/api/interviews")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("bankId", bankId, "mode", mode))
				.exchange()
				.expectStatus()
				.isNotFound();
		}
		bob.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", bankId, "questionIds", List.of(questionId)))
			.exchange()
			.expectStatus()
			.isNotFound();
		// a shared bank does not open the door to a private bank's question either
		bob.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "java-backend-basics", "questionIds", List.of(questionId)))
			.exchange()
			.expectStatus()
			.isBadRequest();
		bob.put("/api/banks/{id}", bankId).contentType(MediaType.TEXT_PLAIN).bodyValue(MARKDOWN).exchange()
			.expectStatus().isNotFound();
		bob.put("/api/banks/{id}?dryRun=true", bankId).contentType(MediaType.TEXT_PLAIN).bodyValue(MARKDOWN).exchange()
			.expectStatus().isNotFound();
		bob.delete("/api/banks/{id}", bankId).exchange().expectStatus().isNotFound();
		// bob's own bank of the same name is his, apart from alice's
		String bobsId = paste(bob, MARKDOWN, 201).get("bankId").asString();
		assertThat(bobsId).isNotEqualTo(bankId);
		assertThat(bob.getJson("/api/progress").toString()).doesNotContain(bankId);
		// alice still has hers, untouched
		assertThat(alice.getJson("/api/banks/{id}/questions", bankId)).hasSize(2);
	}

	@Test
	void aWrittenFollowUpIsAskedWithItsOwnReferenceAnswer() throws IOException {
		Api alice = Api.newCandidate(this.client);
		String bankId = uploadFile(alice, "/api/banks", "redis.txt", fixture("follow-up-chains.txt"), 201).get("bankId")
			.asString();
		String questionId = alice.getJson("/api/banks/{id}/questions", bankId).get(0).get("id").asString();
		JsonNode interview = alice.begin(Map.of("bankId", bankId, "questionIds", List.of(questionId)));
		// two of the four key points, word for word: partial, so a follow-up is due
		List<Api.Event> events = alice.answer(interview, interview.get("currentTurn"),
				"基于内存：数据都在内存里，读写不需要磁盘 IO。单线程模型：命令执行是单线程的，没有线程切换和锁竞争。");
		JsonNode next = events.stream().filter((e) -> e.name().equals("question")).findFirst().orElseThrow().data()
			.get("turn");
		assertThat(next.get("kind").asString()).isEqualTo("follow-up");
		assertThat(next.get("questionText").asString()).isEqualTo("Redis 6.0 之后引入了多线程，那还算单线程吗？");
		List<Api.Event> followUp = alice.answer(interview, next, "命令执行仍然是单线程的，多线程只用在网络 IO 上。");
		JsonNode review = alice.getJson("/api/interviews/{id}", interview.get("id").asString());
		assertThat(review.at("/turns/1/referenceAnswer").asString()).startsWith("• 命令执行仍然是单线程");
		assertThat(followUp).extracting(Api.Event::name).contains("verdict");
	}

	@Test
	void aBankThatFailsToStoreHalfWayLeavesTheOldVersionWhole() {
		Api alice = Api.newCandidate(this.client);
		String bankId = paste(alice, MARKDOWN, 201).get("bankId").asString();
		// the database refuses the new version's second question, after its bank row and first question were written
		this.database.sql("""
				create or replace function refuse_boom() returns trigger language plpgsql as $$
				begin if new.text like '%BOOM%' then raise exception 'refused by the test'; end if; return new; end $$
				""").then().block();
		this.database.sql("create trigger refuse_boom before insert or update on question for each row execute function refuse_boom()")
			.then()
			.block();
		try {
			String broken = MARKDOWN.replace("title: Kafka 面试题", "title: 新标题")
				.replace("### Kafka 为什么吞吐量高？", "### Kafka 的吞吐量为什么这么高？")
				.replace("### 消费者组是什么？", "### BOOM 消费者组是什么？");
			alice.put("/api/banks/{id}", bankId).contentType(MediaType.TEXT_PLAIN).bodyValue(broken).exchange()
				.expectStatus().is5xxServerError();
		}
		finally {
			this.database.sql("drop trigger refuse_boom on question").then().block();
		}
		assertThat(find(alice.getJson("/api/banks"), bankId).get("title").asString()).isEqualTo("Kafka 面试题");
		assertThat(alice.getJson("/api/banks/{id}/questions", bankId).findValuesAsString("text"))
			.containsExactly("Kafka 为什么吞吐量高？", "消费者组是什么？");
	}

	static JsonNode paste(Api api, String text, int status) {
		return Api.parse(api.post("/api/banks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", text))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	static JsonNode uploadFile(Api api, String uri, String name, String content, int status) {
		return Api.parse(multipart(api.post(uri), name, content).exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	/** A multipart upload of one file. */
	static WebTestClient.RequestHeadersSpec<?> multipart(WebTestClient.RequestBodySpec request, String name,
			String content) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return name;
			}
		}).contentType(MediaType.TEXT_PLAIN);
		return request.body(BodyInserters.fromMultipartData(parts.build()));
	}

	static List<String> listedIds(Api api) {
		return api.getJson("/api/banks").findValuesAsString("id");
	}

	static JsonNode find(JsonNode banks, String id) {
		for (JsonNode bank : banks) {
			if (bank.get("id").asString().equals(id)) {
				return bank;
			}
		}
		throw new AssertionError("no bank " + id + " in " + banks);
	}

	static List<String> strings(JsonNode array) {
		return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
	}

	static String fixture(String name) throws IOException {
		return ArticleLayoutsTests.fixture(name);
	}

}
