package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MarkdownBankParserTests {

	private static final String SMALL = """
			---
			id: small-bank
			title: Small bank
			language: en
			description: Two questions.
			---

			## Basics

			### What is a JVM?
			Difficulty: Easy
			Tags: jvm, runtime, jvm

			A virtual machine that runs bytecode.

			```
			## not a heading inside code
			- not a key point
			```

			Key points:
			- Runs bytecode
			- Manages memory
			  with a garbage collector

			## Advanced

			### Tuning the garbage collector
			Id: gc-tuning

			Measure first. Then pick a collector and size the heap.
			""";

	@Test
	void readsFrontMatterCategoriesQuestionsAndExplicitKeyPoints() {
		ParsedBank bank = MarkdownBankParser.parse("file-name", SMALL);
		assertThat(bank.id()).isEqualTo("small-bank");
		assertThat(bank.title()).isEqualTo("Small bank");
		assertThat(bank.language()).isEqualTo("en");
		assertThat(bank.description()).isEqualTo("Two questions.");
		assertThat(bank.categories()).containsExactly("Basics", "Advanced");
		ParsedQuestion jvm = bank.questions().get(0);
		assertThat(jvm.text()).isEqualTo("What is a JVM?");
		assertThat(jvm.category()).isEqualTo("Basics");
		assertThat(jvm.difficulty()).isEqualTo("easy");
		assertThat(jvm.tags()).containsExactly("jvm", "runtime");
		assertThat(jvm.line()).isEqualTo(10);
		assertThat(jvm.keyPoints()).extracting(KeyPoint::title)
			.containsExactly("Runs bytecode", "Manages memory with a garbage collector");
		assertThat(jvm.referenceAnswer()).startsWith("A virtual machine that runs bytecode.")
			.contains("## not a heading inside code")
			.doesNotContain("Key points", "Runs bytecode");
	}

	@Test
	void answerWithoutKeyPointListGetsKeyPointsFromItsSentences() {
		ParsedQuestion gc = MarkdownBankParser.parse("x", SMALL).questions().get(1);
		assertThat(gc.category()).isEqualTo("Advanced");
		assertThat(gc.difficulty()).isNull();
		assertThat(gc.tags()).isEmpty();
		assertThat(gc.keyPoints()).extracting(KeyPoint::title)
			.containsExactly("Measure first", "Then pick a collector and size the heap");
	}

	@Test
	void questionIdentityIsItsDeclaredIdOrElseItsText() {
		ParsedBank bank = MarkdownBankParser.parse("x", SMALL);
		assertThat(bank.questions()).extracting(ParsedQuestion::identity)
			.containsExactly("What is a JVM?", "id:gc-tuning");
	}

	@Test
	void titleLineAndFileNameIdAndDetectedLanguageWithoutFrontMatter() {
		ParsedBank bank = MarkdownBankParser.parse("from-file", """
				# 并发基础

				## 线程

				### 什么是线程安全?
				多个线程同时访问时仍然表现正确。不需要额外的同步。
				""");
		assertThat(bank.id()).isEqualTo("from-file");
		assertThat(bank.title()).isEqualTo("并发基础");
		assertThat(bank.language()).isEqualTo("zh");
		assertThat(bank.description()).isNull();
	}

	@Test
	void shippedExampleBankIsValid() throws IOException {
		ParsedBank bank = MarkdownBankParser.parse("java-backend-basics",
				Files.readString(Path.of("seeds/java-backend-basics.md")));
		assertThat(bank.title()).isEqualTo("Java Backend Basics");
		assertThat(bank.language()).isEqualTo("en");
		assertThat(bank.categories()).containsExactly("JVM and Memory", "Concurrency", "Spring");
		assertThat(bank.questions()).hasSize(7)
			.allSatisfy((question) -> assertThat(question.keyPoints()).hasSizeGreaterThanOrEqualTo(3))
			.allSatisfy((question) -> assertThat(question.difficulty()).isIn("easy", "medium", "hard"));
		assertThat(bank.questions().get(2).referenceAnswer()).contains("```java", "hits.incrementAndGet();");
	}

	@Test
	void questionBeforeAnyCategoryNamesItsLine() {
		assertMalformed("# T\n\n### Orphan?\nAnswer.\n", 3, "before any '## Category'");
	}

	@Test
	void questionWithoutReferenceAnswerNamesItsLine() {
		assertMalformed("# T\n## C\n### Empty?\nDifficulty: easy\n\n### Next?\nAnswer.\n", 3, "no reference answer");
	}

	@Test
	void unknownDifficultyNamesItsLine() {
		assertMalformed("# T\n## C\n### Q?\nDifficulty: brutal\nAnswer.\n", 4, "brutal");
	}

	@Test
	void unsupportedLanguageNamesItsFrontMatterLine() {
		assertMalformed("---\ntitle: T\nlanguage: fr\n---\n## C\n### Q?\nA.\n", 3, "language 'fr'");
	}

	@Test
	void unknownFrontMatterKeyNamesItsLine() {
		assertMalformed("---\ntitle: T\ntittle: typo\n---\n## C\n### Q?\nA.\n", 3, "unknown front matter key 'tittle'");
	}

	@Test
	void invalidYamlNamesItsLine() {
		assertMalformed("---\ntitle: T\nlanguage: [en\n---\n## C\n### Q?\nA.\n", 3, "not valid YAML");
	}

	@Test
	void unclosedFrontMatterAndCodeBlockAreReported() {
		assertMalformed("---\ntitle: T\n## C\n### Q?\nA.\n", 1, "never closed");
		assertMalformed("# T\n## C\n### Q?\nA.\n```\ncode\n", 5, "code block is never closed");
	}

	@Test
	void missingTitleIsReported() {
		assertMalformed("## C\n### Q?\nA.\n", 1, "no title");
	}

	@Test
	void textAfterKeyPointsThatIsNoListItemNamesItsLine() {
		assertMalformed("# T\n## C\n### Q?\nA.\nKey points:\n- one\nstray prose\n", 7, "only list items");
	}

	@Test
	void sameQuestionTwiceNamesTheSecond() {
		assertMalformed("# T\n## C\n### Q?\nA.\n### Q?\nB.\n", 5, "appears twice");
	}

	@Test
	void everyProblemOfTheBodyIsReportedWithItsLineNotOnlyTheFirst() {
		String content = """
				# T
				## C
				### Empty?
				Difficulty: easy

				### Fine?
				A good answer.
				### Brutal?
				Difficulty: brutal
				An answer.
				Key points:
				- one
				stray prose
				## C
				### Fine?
				Again.
				""";
		assertThatExceptionOfType(BankFormatException.class).isThrownBy(() -> MarkdownBankParser.parse("x", content))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(ParsedBank.Warning::line, (w) -> w.message()
				.replaceAll("['(].*", "").strip())
				.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "question"),
						org.assertj.core.groups.Tuple.tuple(9, "difficulty"),
						org.assertj.core.groups.Tuple.tuple(13, "only list items"),
						org.assertj.core.groups.Tuple.tuple(14, "category"),
						org.assertj.core.groups.Tuple.tuple(15, "question")));
	}

	private static void assertMalformed(String content, int line, String message) {
		assertThatExceptionOfType(BankFormatException.class).isThrownBy(() -> MarkdownBankParser.parse("x", content))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.line()).as("line").isEqualTo(line));
	}

}
