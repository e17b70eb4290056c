package dev.rehearse.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import dev.rehearse.FakeModelTest;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;
import dev.rehearse.testsupport.ScriptedModel;
import dev.rehearse.testsupport.TestPdf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Tailor to a job" in the web chat, with the model planning through the fake model server: a
 * PDF resume read into its box, the interview's header saying how it was planned, the generated
 * question labelled and reported from the page, and the texts shown in the review.
 */
@FakeModelTest
class TailoredInterviewBrowserIntegrationTests {

	static final String PLAN = """
			{"bankQuestions": [], "questions": [{"phase": "technical", "category": "Ledgers",
			 "question": "How would you keep a ledger consistent under concurrent transfers?",
			 "referenceAnswer": "One transaction per transfer with row locks taken in a fixed order, and an idempotency key.",
			 "keyPoints": [{"title": "Row locks", "detail": "Lock both accounts in a fixed order."}]}]}""";

	static final FakeModelServer model = FakeModelServer.start().defaultReply(Reply.text(planner()));

	static java.util.function.Function<FakeModelServer.RecordedRequest, String> planner() {
		ScriptedModel interviewer = new ScriptedModel();
		return (request) -> request.system().contains("interview planner") ? PLAN : interviewer.apply(request);
	}

	@AfterAll
	static void stopModel() {
		model.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@Test
	void aPdfResumeAndAJobDescriptionGiveAPlannedInterviewWithAReportableGeneratedQuestion() throws Exception {
		Path pdf = Files.createTempFile("resume", ".pdf");
		Files.write(pdf, TestPdf.of(List.of("Jane Doe - Backend engineer", "Built the payment ledger at Acme")));
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("tailored", () -> {
				WebChatBrowserIntegrationTests.signUp(browser, "tailor" + UUID.randomUUID().toString().substring(0, 8));
				WebChatBrowserIntegrationTests.chooseBank(browser, "Java Backend Basics", 1);
				browser.clickable("[data-testid=tailor] summary").click();
				browser.clickable("#job-description").sendKeys("Backend engineer for a payments ledger: Java, PostgreSQL.");
				browser.find("#resume-pdf").sendKeys(pdf.toAbsolutePath().toString());
				browser.wait.until((driver) -> browser.find("#resume").getAttribute("value").contains("Jane Doe"));
				assertThat(browser.find("#resume").getAttribute("value")).contains("Built the payment ledger at Acme");
				browser.screenshot("20-start-tailored", browser.find("[data-testid=tailor]"));
				browser.clickable("#start-interview").click();

				WebElement plan = browser.find("[data-testid=plan]");
				assertThat(plan.getText()).contains("Planned by the model").contains("Technical");
				WebElement origin = browser.find(".msg.examiner [data-testid=origin]");
				assertThat(origin.getText()).isEqualTo("Generated");
				browser.screenshot("21-chat-tailored");

				browser.clickable("[data-testid=report-question]").click();
				browser.clickable("#report-reason").sendKeys("The reference forgets deadlocks.");
				browser.clickable("[data-testid=send-report]").click();
				browser.wait.until((driver) -> browser.find("[data-testid=report-question]").getText().contains("Reported"));

				String interviewId = browser.driver.getCurrentUrl().replaceAll(".*/interview/", "");
				browser.go("/#/review/" + interviewId);
				browser.clickable("[data-testid=tailored-texts] summary").click();
				assertThat(browser.find("[data-testid=tailored-texts]").getText()).contains("payments ledger")
					.contains("Jane Doe");
				// the sign-in page asks who is signed in before anyone is: that 401 is expected
				assertThat(browser.consoleErrors("/api/me")).isEmpty();
			});
		}
		finally {
			Files.deleteIfExists(pdf);
		}
		String reason = this.database.sql("select reason from question_report order by reported_at desc limit 1")
			.map((row) -> row.get("reason", String.class))
			.one()
			.block();
		assertThat(reason).isEqualTo("The reference forgets deadlocks.");
	}

}
