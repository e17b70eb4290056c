package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.TestUsers;
import dev.rehearse.questionbank.ReloadReport.FileReport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DatabaseTest
class BankLoaderTests {

	@Autowired
	BankLoader loader;

	@Autowired
	QuestionCatalog catalog;

	@Autowired
	WebTestClient client;

	@BeforeEach
	void signIn() {
		// the API needs a user; reloading banks needs an admin
		this.client = TestUsers.admin(this.client);
	}

	@TempDir
	Path directory;

	/** A bank shipped on the test classpath only ({@code src/test/resources/test-banks}). */
	private static final String TEST_SHIPPED = "classpath*:test-banks/*";

	private final String bankId = "loader-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void loadsTheShippedBanksAtStartUp() {
		StepVerifier.create(this.catalog.findQuestions("000_ea10622d267c88e5", List.of()).collectList())
			.assertNext((questions) -> {
				assertThat(questions).hasSize(6);
				assertThat(questions.get(0).keyPoints()).hasSize(5);
				assertThat(questions.get(0).language()).isEqualTo("zh");
			})
			.verifyComplete();
		StepVerifier.create(this.catalog.findQuestions("java-backend-basics", List.of("Spring")).count())
			.expectNext(3L)
			.verifyComplete();
	}

	@Test
	void reloadingAnUnchangedFileKeepsEveryId() throws IOException {
		write(bank("Answer A.", "Answer B.", true));
		FileReport first = loadOne();
		assertThat(first.status()).isEqualTo(FileReport.LOADED);
		assertThat(first.questions()).isEqualTo(3);
		List<UUID> ids = currentIds();

		FileReport second = loadOne();
		assertThat(second.status()).isEqualTo(FileReport.UNCHANGED);
		assertThat(second.questions()).isEqualTo(3);
		assertThat(currentIds()).isEqualTo(ids);
	}

	@Test
	void idsDependOnBankAndQuestionIdentityNotOnOrder() throws IOException {
		write(bank("Answer A.", "Answer B.", true));
		loadOne();
		assertThat(currentIds()).containsExactly(BankRepository.questionId(this.bankId, "What is A?"),
				BankRepository.questionId(this.bankId, "What is B?"), BankRepository.questionId(this.bankId, "id:c"));
	}

	@Test
	void editedFileUpdatesItsQuestionsInPlaceAndRetiresTheRemovedOne() throws IOException {
		write(bank("Answer A.", "Answer B.", true));
		loadOne();
		List<UUID> before = currentIds();

		write(bank("Answer A.", "A better answer for B. It has two sentences.", false));
		FileReport edited = loadOne();
		assertThat(edited.status()).isEqualTo(FileReport.LOADED);
		assertThat(edited.questions()).isEqualTo(2);
		assertThat(edited.retired()).isEqualTo(1);
		assertThat(currentIds()).containsExactly(before.get(0), before.get(1));
		StepVerifier.create(this.catalog.findQuestion(before.get(1)))
			.assertNext((b) -> {
				assertThat(b.referenceAnswer()).isEqualTo("A better answer for B. It has two sentences.");
				assertThat(b.keyPoints()).extracting(KeyPoint::title)
					.containsExactly("A better answer for B", "It has two sentences");
			})
			.verifyComplete();
		// retired, not deleted: past interviews still name it
		StepVerifier.create(this.catalog.findQuestion(before.get(2)))
			.assertNext((c) -> assertThat(c.text()).isEqualTo("What is C?"))
			.verifyComplete();
		this.client.get()
			.uri("/api/banks/{bank}/questions/{id}", this.bankId, before.get(2))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.retired").isEqualTo(true);
		this.client.get()
			.uri("/api/banks/{bank}/questions", this.bankId)
			.exchange()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(2);

		write(bank("Answer A.", "Answer B.", true));
		assertThat(loadOne().retired()).isZero();
		assertThat(currentIds()).isEqualTo(before);
	}

	@Test
	void malformedFileIsReportedWithFileAndLineAndSkippedWhileTheOthersLoad() throws IOException {
		write(bank("Answer A.", "Answer B.", true));
		Files.writeString(this.directory.resolve("broken-" + this.bankId + ".md"),
				"# Broken\n\n## Category\n\n### No answer here?\n\n### Next?\nAnswer.\n");
		Files.writeString(this.directory.resolve("broken-" + this.bankId + ".txt"), "1、基础\n\nQ1:问题?\n\nA2:回答。\n");
		Files.writeString(this.directory.resolve("ignored.json"), "{}");

		ReloadReport report = this.loader.load(BankSources.directoryOnly(this.directory)).block();

		assertThat(report.files()).extracting(FileReport::file)
			.containsExactly("broken-" + this.bankId + ".md", "broken-" + this.bankId + ".txt", this.bankId + ".md");
		FileReport markdown = report.files().get(0);
		assertThat(markdown.status()).isEqualTo(FileReport.FAILED);
		assertThat(markdown.error().line()).isEqualTo(5);
		assertThat(markdown.error().message()).contains("has no reference answer");
		FileReport article = report.files().get(1);
		assertThat(article.status()).isEqualTo(FileReport.FAILED);
		assertThat(article.error().line()).isEqualTo(5);
		assertThat(report.files().get(2).status()).isEqualTo(FileReport.LOADED);
		StepVerifier.create(this.catalog.bankExists("broken-" + this.bankId)).expectNext(false).verifyComplete();
		StepVerifier.create(this.catalog.bankExists(this.bankId)).expectNext(true).verifyComplete();
	}

	@Test
	void secondFileClaimingTheSameBankIdIsRejected() throws IOException {
		write(bank("Answer A.", "Answer B.", true));
		Files.writeString(this.directory.resolve("z-copy.md"),
				"---\nid: " + this.bankId + "\ntitle: Copy\n---\n## C\n### Q?\nA.\n");
		ReloadReport report = this.loader.load(BankSources.directoryOnly(this.directory)).block();
		assertThat(report.files()).extracting(FileReport::status).containsExactly(FileReport.LOADED, FileReport.FAILED);
		assertThat(report.files().get(1).error().message()).contains("already used by " + this.bankId + ".md");
	}

	@Test
	void theRealSeedArticleLoadsAsOneBankOfFourCategoriesAndSixQuestions() throws IOException {
		String id = "seed-copy-" + this.bankId;
		Files.copy(ArticleBankParserTests.SEED, this.directory.resolve(id + ".txt"));
		FileReport report = loadOne();
		assertThat(report.bankId()).isEqualTo(id);
		assertThat(report.questions()).isEqualTo(6);
		StepVerifier.create(this.catalog.findQuestions(id, List.of()).map(Question::category).distinct().count())
			.expectNext(4L)
			.verifyComplete();
	}

	@Test
	void aSecondLoadWhileOneIsRunningIsRefusedWithConflict() throws IOException {
		write(bank("Answer A.", "Answer B.", true));
		BankSources sources = BankSources.directoryOnly(this.directory);
		StepVerifier.create(Mono.zip(this.loader.load(sources), this.loader.load(sources)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ResponseStatusException.class)
				.hasMessageContaining("409"))
			.verify();
		// the refused load left no lock behind
		assertThat(loadOne().status()).isIn(FileReport.LOADED, FileReport.UNCHANGED);
	}

	@Test
	void missingDirectoryLoadsNothing() {
		StepVerifier.create(this.loader.load(BankSources.directoryOnly(this.directory.resolve("nope"))))
			.assertNext((report) -> assertThat(report.files()).isEmpty())
			.verifyComplete();
	}

	@Test
	void aDirectoryFileWithAShippedBanksIdOverridesIt() throws IOException {
		Files.writeString(this.directory.resolve("mine.md"), """
				---
				id: shipped-test
				title: My own version
				---
				## Basics
				### What is a shipped bank?
				One I replaced.
				""");
		ReloadReport report = this.loader.load(new BankSources(TEST_SHIPPED, this.directory)).block();

		assertThat(report.files()).extracting(FileReport::file, FileReport::source, FileReport::status)
			.containsExactly(tuple("shipped-test.md", "classpath", FileReport.OVERRIDDEN),
					tuple("mine.md", "directory", FileReport.LOADED));
		List<Question> questions = this.catalog.findQuestions("shipped-test", List.of()).collectList().block();
		assertThat(questions).extracting(Question::referenceAnswer).containsExactly("One I replaced.");
		// same bank id and question text as the shipped question: the same question id
		assertThat(questions.get(0).id())
			.isEqualTo(BankRepository.questionId("shipped-test", "What is a shipped bank?"));
	}

	@Test
	void aDirectoryFileIdenticalToAShippedOneIsLoadedOnceAsTheShippedBank() throws IOException {
		try (var shipped = getClass().getResourceAsStream("/test-banks/shipped-test.md")) {
			Files.write(this.directory.resolve("shipped-test.md"), shipped.readAllBytes());
		}
		ReloadReport report = this.loader.load(new BankSources(TEST_SHIPPED, this.directory)).block();

		assertThat(report.files()).extracting(FileReport::file, FileReport::source)
			.containsExactly(tuple("shipped-test.md", "classpath"));
		assertThat(report.files().get(0).status()).isIn(FileReport.LOADED, FileReport.UNCHANGED);
		assertThat(report.files().get(0).questions()).isEqualTo(2);
	}

	@Test
	void onlyOneDirectoryFileMayOverrideAShippedBank() throws IOException {
		String other = "---\nid: shipped-test\ntitle: Other\n---\n## C\n### Q?\nA.\n";
		Files.writeString(this.directory.resolve("a.md"), other);
		Files.writeString(this.directory.resolve("b.md"), other.replace("A.", "B."));
		ReloadReport report = this.loader.load(new BankSources(TEST_SHIPPED, this.directory)).block();

		assertThat(report.files()).extracting(FileReport::file, FileReport::status)
			.containsExactly(tuple("shipped-test.md", FileReport.OVERRIDDEN), tuple("a.md", FileReport.LOADED),
					tuple("b.md", FileReport.FAILED));
		assertThat(report.files().get(2).error().message()).contains("already used by a.md");
	}

	@Test
	void theRealShippedBanksAndTheSourceTreeSeedsDirectoryGiveEachBankOnce() {
		ReloadReport report = this.loader.load(BankSources.shippedAnd(Path.of("seeds"))).block();
		assertThat(report.files()).extracting(FileReport::bankId, FileReport::source)
			.containsExactly(tuple("000_ea10622d267c88e5", "classpath"), tuple("java-backend-basics", "classpath"));
		assertThat(report.files()).extracting(FileReport::status).containsOnly(FileReport.UNCHANGED);
	}

	private String bank(String answerA, String answerB, boolean withC) {
		return """
				---
				title: Loader test
				language: en
				---

				## First

				### What is A?
				%s

				## Second

				### What is B?
				Difficulty: hard
				%s
				%s""".formatted(answerA, answerB, withC ? "\n### What is C?\nId: c\n\nAnswer C.\n" : "");
	}

	private void write(String content) throws IOException {
		Files.writeString(this.directory.resolve(this.bankId + ".md"), content, StandardCharsets.UTF_8);
	}

	private FileReport loadOne() {
		ReloadReport report = this.loader.load(BankSources.directoryOnly(this.directory)).block();
		assertThat(report.files()).hasSize(1);
		return report.files().get(0);
	}

	private List<UUID> currentIds() {
		return this.catalog.findQuestions(this.bankId, List.of()).map(Question::id).collectList().block();
	}

}
