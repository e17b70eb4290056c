package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rehearse.DatabaseTest;
import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;
import dev.rehearse.questionbank.ReloadReport.FileReport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new bank format is one {@link BankFormat} bean: the loader finds it without being told.
 */
@DatabaseTest
@Import(BankFormatTests.QaFormat.class)
class BankFormatTests {

	@Autowired
	BankLoader loader;

	@Autowired
	QuestionCatalog catalog;

	@TempDir
	Path directory;

	@Test
	void aFormatBeanForANewExtensionIsUsedWithoutTouchingTheLoader() throws IOException {
		String bankId = "qa-" + UUID.randomUUID().toString().substring(0, 8);
		Files.writeString(this.directory.resolve(bankId + ".qa"), """
				Q: What does a BankFormat bean decide?
				A: Which files it reads and how.
				Q: Where is it registered?
				A: Nowhere but its own annotation.
				""");
		Files.writeString(this.directory.resolve("notes.qb"), "Q: not a bank\nA: no format reads it\n");

		ReloadReport report = this.loader.load(BankSources.directoryOnly(this.directory)).block();

		assertThat(report.files()).extracting(FileReport::file).containsExactly(bankId + ".qa");
		assertThat(report.files().get(0).status()).isEqualTo(FileReport.LOADED);
		List<Question> questions = this.catalog.findQuestions(bankId, List.of()).collectList().block();
		assertThat(questions).extracting(Question::text)
			.containsExactly("What does a BankFormat bean decide?", "Where is it registered?");
		assertThat(questions.get(1).referenceAnswer()).isEqualTo("Nowhere but its own annotation.");
		assertThat(questions.get(0).id()).isEqualTo(BankRepository.questionId(bankId, "What does a BankFormat bean decide?"));
	}

	@Test
	void aBrokenFileOfTheNewFormatIsReportedWithItsLineLikeAnyOther() throws IOException {
		Files.writeString(this.directory.resolve("broken.qa"), "Q: An answerless question?\nQ: Another?\n");
		ReloadReport report = this.loader.load(BankSources.directoryOnly(this.directory)).block();
		assertThat(report.files()).singleElement().satisfies((file) -> {
			assertThat(file.status()).isEqualTo(FileReport.FAILED);
			assertThat(file.error().line()).isEqualTo(2);
		});
	}

	/** {@code *.qa}: {@code Q:} and {@code A:} lines, one category, English. Test-only. */
	@Component
	static class QaFormat implements BankFormat {

		@Override
		public boolean reads(String fileName) {
			return BankFormat.hasExtension(fileName, ".qa");
		}

		@Override
		public ParsedBank parse(String bankId, String content) {
			List<ParsedQuestion> questions = new ArrayList<>();
			String[] lines = content.split("\\R");
			String question = null;
			int questionLine = 0;
			for (int i = 0; i < lines.length; i++) {
				if (lines[i].startsWith("Q:")) {
					if (question != null) {
						throw new BankFormatException(i + 1, "the question above has no answer");
					}
					question = lines[i].substring(2).strip();
					questionLine = i + 1;
				}
				else if (lines[i].startsWith("A:") && question != null) {
					String answer = lines[i].substring(2).strip();
					questions.add(new ParsedQuestion(question, "General", question, answer,
							KeyPoints.fromAnswer(answer), null, List.of(), questionLine));
					question = null;
				}
			}
			return new ParsedBank(bankId, "Q&A " + bankId, "en", null, List.of("General"), questions);
		}

	}

}
