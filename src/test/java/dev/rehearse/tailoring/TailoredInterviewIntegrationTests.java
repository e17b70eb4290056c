package dev.rehearse.tailoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.SeedBank;
import dev.rehearse.testsupport.TestPdf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interviews tailored to a job with no model configured (the offline examiner), over real HTTP:
 * bank questions ranked by similarity to the job description and nothing invented; the texts
 * belong to their user; PDF resumes read into text within limits.
 */
@DatabaseTest
class TailoredInterviewIntegrationTests {

	/** The Chinese seed bank: six questions on large models, the last on vector databases. */
	static final String LLM_BANK = "000_ea10622d267c88e5";

	static final String RAG_JOB = "RAG and vector database engineer. You will build retrieval-augmented generation "
			+ "for our enterprise knowledge base: chunking and embedding documents, running and tuning the vector "
			+ "database, and grounding the model's answers in what it retrieves.";

	static final String JVM_JOB = "Java performance engineer, JVM tuning. Tune the JVM for our low-latency "
			+ "services: garbage collector choice and pause times, heap and stack sizing, finding memory leaks and "
			+ "OutOfMemoryErrors in production from GC logs and heap dumps.";

	@Autowired
	WebTestClient client;

	@Autowired
	QuestionCatalog catalog;

	@Autowired
	DatabaseClient database;

	@Test
	void aRagJobDescriptionPutsTheVectorDatabaseQuestionFirstAndSaysItRanked() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", LLM_BANK, "jobDescription", RAG_JOB, "questionCount", 3));
		assertThat(interview.get("plan").get("method").asString()).isEqualTo("offline-ranking");
		assertThat(interview.get("plan").get("note").asString()).contains("ranked by similarity")
			.contains("no questions were written");
		assertThat(interview.get("plan").get("fallback").isNull()).isTrue();
		assertThat(interview.get("jobDescription").asString()).isEqualTo(RAG_JOB);
		assertThat(interview.get("resume").isNull()).as("no resume was given").isTrue();
		JsonNode first = interview.get("currentTurn");
		assertThat(first.get("questionText").asString()).contains("向量数据库");
		assertThat(first.get("origin").asString()).isEqualTo("bank");
		assertThat(interview.get("questionCount").asInt()).isEqualTo(3);
		// nothing invented: every planned question is a bank question
		for (Question question : planned(interview)) {
			assertThat(question.bankId()).isEqualTo(LLM_BANK);
		}
	}

	@Test
	void aJvmTuningJobDescriptionRanksTheJvmQuestionsAboveTheSpringOnes() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "jobDescription", JVM_JOB, "questionCount", 20));
		List<String> categories = planned(interview).stream().map(Question::category).toList();
		assertThat(categories).hasSize(SeedBank.questions(this.catalog).size());
		int lastJvm = categories.lastIndexOf("JVM and Memory");
		int firstSpring = categories.indexOf("Spring");
		assertThat(lastJvm).isGreaterThanOrEqualTo(1);
		assertThat(firstSpring).isGreaterThan(lastJvm);
	}

	@Test
	void withoutABankTheRankingSpansTheBanksInTheLanguageOfTheJobDescription() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("jobDescription", JVM_JOB, "questionCount", 20));
		assertThat(interview.get("bankId").asString()).isEqualTo(SeedBank.ID);
		// every English question of every bank, and no Chinese one: one interview, one language
		assertThat(planned(interview)).extracting(Question::bankId).containsOnly(SeedBank.ID)
			.hasSize(SeedBank.questions(this.catalog).size());

		JsonNode chinese = api.begin(Map.of("jobDescription", "招聘大模型应用工程师：负责基于向量数据库的企业知识库和 RAG 检索增强生成。",
				"questionCount", 1));
		assertThat(chinese.get("bankId").asString()).isEqualTo(LLM_BANK);
		assertThat(chinese.get("currentTurn").get("questionText").asString()).contains("向量数据库");
	}

	@Test
	void anotherUsersPrivateBankIsNeverRankedNorNamed() {
		Api alice = Api.newCandidate(this.client);
		String bankId = Api.parse(alice.post("/api/banks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", """
					---
					id: kafka-ledgers
					title: Kafka for ledgers
					---

					## Kafka

					### How does Kafka keep the events of one account in order?
					Id: ordering

					Partition by account id: one partition is read in order by one consumer of the group.

					Key points:
					- Partition key: all events of an account go to one partition
					"""))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody()).get("bankId").asString();
		String job = "Kafka engineer for our payments ledger: event ordering per account, partitions, consumer groups.";

		JsonNode own = alice.begin(Map.of("jobDescription", job, "questionCount", 20));
		assertThat(planned(own)).extracting(Question::bankId).contains(bankId);

		Api bob = Api.newCandidate(this.client);
		JsonNode others = bob.begin(Map.of("jobDescription", job, "questionCount", 20));
		assertThat(planned(others)).extracting(Question::bankId).doesNotContain(bankId).isNotEmpty();
		bob.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", bankId, "jobDescription", job))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void theJobDescriptionAndResumeAreTheOwnersAloneAndGoWithTheInterview() {
		Api owner = Api.newCandidate(this.client);
		JsonNode interview = owner.begin(Map.of("bankId", SeedBank.ID, "jobDescription", JVM_JOB, "resume",
				"Jane Doe, five years of Java at Acme Payments.", "questionCount", 2));
		String id = interview.get("id").asString();
		JsonNode review = owner.getJson("/api/interviews/{id}", id);
		assertThat(review.get("jobDescription").asString()).isEqualTo(JVM_JOB);
		assertThat(review.get("resume").asString()).isEqualTo("Jane Doe, five years of Java at Acme Payments.");

		Api other = Api.newCandidate(this.client);
		other.get("/api/interviews/{id}", id).exchange().expectStatus().isNotFound();
		other.get("/api/interviews/{id}/report.md", id).exchange().expectStatus().isNotFound();
		byte[] list = other.get("/api/interviews").exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody();
		assertThat(new String(list, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Acme").doesNotContain(id);

		owner.delete("/api/interviews/{id}", id).exchange().expectStatus().isNoContent();
		Long left = this.database.sql("select count(*) from interview_tailoring where interview_id = :id")
			.bind("id", UUID.fromString(id))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(left).isZero();
	}

	@Test
	void anUntailoredInterviewSaysItCameFromTheBank() {
		JsonNode interview = Api.newCandidate(this.client).begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		assertThat(interview.get("plan").get("method").asString()).isEqualTo("bank");
		assertThat(interview.get("jobDescription").isNull()).isTrue();
		assertThat(interview.get("resume").isNull()).isTrue();
	}

	@Test
	void textsOverTheLimitAndMeaninglessCombinationsAreRefused() {
		Api api = Api.newCandidate(this.client);
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "jobDescription", "x".repeat(8001)))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("8001").contains("8000"));
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "resume", "y".repeat(12001)))
			.exchange()
			.expectStatus()
			.isEqualTo(413);
		String questionId = SeedBank.questions(this.catalog).get(0).id().toString();
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "jobDescription", JVM_JOB, "questionIds", List.of(questionId)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("questionIds");
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("questionCount", 2))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("bankId");
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank", "jobDescription", JVM_JOB))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aPdfResumeIsReadIntoText() {
		Api api = Api.newCandidate(this.client);
		byte[] pdf = TestPdf.of(List.of("Jane Doe - Backend engineer", "Built a payment ledger on PostgreSQL and Kafka"));
		JsonNode text = Api.parse(upload(api, pdf, "resume.pdf", "application/pdf").expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(text.get("text").asString()).contains("Jane Doe - Backend engineer")
			.contains("payment ledger on PostgreSQL and Kafka");
		assertThat(text.get("pages").asInt()).isEqualTo(2);
	}

	@Test
	void aFileThatIsNoPdfOrABrokenOneOrTooLongIsRefused() {
		Api api = Api.newCandidate(this.client);
		upload(api, "Jane Doe, engineer".getBytes(), "resume.txt", "text/plain").expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		upload(api, "%PDF-1.7\nthis is not really a PDF".getBytes(), "resume.pdf", "application/pdf").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("file");
		List<String> pages = new ArrayList<>();
		for (int i = 1; i <= 11; i++) {
			pages.add("Page " + i);
		}
		upload(api, TestPdf.of(pages), "long.pdf", "application/pdf").expectStatus().isEqualTo(413);
		upload(api, new byte[3 * 1024 * 1024], "big.pdf", "application/pdf").expectStatus().isEqualTo(413);
	}

	private WebTestClient.ResponseSpec upload(Api api, byte[] file, String name, String type) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(file) {
			@Override
			public String getFilename() {
				return name;
			}
		}).contentType(MediaType.parseMediaType(type));
		return api.post("/api/resumes/text")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange();
	}

	/** The interview's planned questions in order, as stored. */
	private List<Question> planned(JsonNode interview) {
		String ids = this.database.sql("select question_ids::text from interview where id = :id")
			.bind("id", UUID.fromString(interview.get("id").asString()))
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		List<Question> questions = new ArrayList<>();
		for (JsonNode id : Api.parse(ids.getBytes())) {
			questions.add(this.catalog.findQuestion(UUID.fromString(id.asString())).block());
		}
		return questions;
	}

}
