package dev.rehearse.tailoring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

import dev.rehearse.system.ApiProblem;
import dev.rehearse.testsupport.TestPdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the resume reader takes from a PDF and what it refuses, with which status. */
class ResumeReaderTests {

	private final ResumeReader reader = new ResumeReader(3, 200);

	@Test
	void readsTheTextOfEveryPageInOrder() {
		ResumeReader.ResumeText text = this.reader.read(TestPdf.of(List.of("Jane Doe", "Backend engineer at Acme")));
		assertThat(text.text()).containsSubsequence("Jane Doe", "Backend engineer at Acme");
		assertThat(text.pages()).isEqualTo(2);
		assertThat(text.toString()).doesNotContain("Jane");
	}

	@Test
	void aPasswordProtectedPdfIsRefusedAsUnreadable() throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.addPage(new PDPage());
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			document.save(out);
			assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.reader.read(out.toByteArray()))
				.satisfies((problem) -> {
					assertThat(problem.getStatusCode().value()).isEqualTo(400);
					assertThat(problem.errors().get(0).code()).isEqualTo("tailoring.resume.encrypted");
				});
		}
	}

	@Test
	void aPdfWithoutTextIsRefusedSoTheCandidatePastesInstead() throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.addPage(new PDPage());
			document.save(out);
			assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.reader.read(out.toByteArray()))
				.satisfies((problem) -> assertThat(problem.errors().get(0).code()).isEqualTo("tailoring.resume.no-text"));
		}
	}

	@Test
	void tooManyPagesOrTooMuchTextIsTooLarge() {
		assertThatExceptionOfType(ApiProblem.class)
			.isThrownBy(() -> this.reader.read(TestPdf.of(List.of("1", "2", "3", "4"))))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(413));
		assertThatExceptionOfType(ApiProblem.class)
			.isThrownBy(() -> this.reader.read(TestPdf.of(List.of("x".repeat(120), "y".repeat(120)))))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(413));
	}

	@Test
	void somethingElseIsNoPdfAndAPdfHeaderOnGarbageIsBroken() {
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.reader.read("<html>".getBytes()))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(415));
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.reader.read("%PDF-1.4\n%%EOF".getBytes()))
			.satisfies((problem) -> assertThat(problem.errors().get(0).code()).isEqualTo("tailoring.resume.broken"));
	}

}
