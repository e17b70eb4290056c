package dev.rehearse.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.BrowserSession;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spaced review in headless Chromium: the start page counts what is due, its button starts the
 * review in the interviewer's style chosen there, and history shows each question's mastery.
 */
@DatabaseTest
class SpacedReviewBrowserIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient client;

	@Autowired
	QuestionCatalog catalog;

	@Autowired
	DatabaseClient database;

	@Test
	void theStartPageCountsTheDueQuestionsAndStartsTheirReviewInTheChosenStyle() {
		String username = "review" + UUID.randomUUID().toString().substring(0, 8);
		List<Question> questions = SeedBank.questions(this.catalog);
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("review", () -> {
				WebChatBrowserIntegrationTests.signUp(browser, username);
				assertThat(browser.find("#review-due").getText()).contains("Due for review")
					.contains("come back here when they are due");
				assertThat(browser.all("#start-review")).isEmpty();
				assertThat(browser.find("#interview-style").getAttribute("value")).isEqualTo("neutral");

				// two questions graded three days ago, by the API as the same candidate
				BrowserSession session = BrowserSession.login(this.client, username, "a-long-enough-password");
				JsonNode interview = Api.parse(session.post("/api/interviews")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("bankId", SeedBank.ID, "questionIds",
							List.of(questions.get(0).id().toString(), questions.get(1).id().toString())))
					.exchange()
					.expectStatus()
					.isCreated()
					.expectBody()
					.returnResult()
					.getResponseBody());
				answer(session, interview, "I do not know.");
				answer(session, Api.parse(session.get("/api/interviews/{id}", interview.get("id").asString())
					.exchange()
					.expectBody()
					.returnResult()
					.getResponseBody()), "I do not know either.");
				this.database.sql("update review_outcome set reviewed_at = reviewed_at - interval '3 days' where interview_id = :id")
					.bind("id", UUID.fromString(interview.get("id").asString()))
					.fetch()
					.rowsUpdated()
					.block();

				browser.go("/#/history");
				WebElement mastery = browser.find("#mastery");
				assertThat(mastery.findElements(org.openqa.selenium.By.cssSelector("tbody tr"))).hasSize(2);
				assertThat(mastery.getText()).contains("Mastery by question").contains("Due now").contains(questions.get(0).text());
				browser.screenshot("40-history-mastery", mastery);

				browser.go("/#/start");
				WebElement due = browser.find("#review-due");
				browser.wait.until((driver) -> due.getText().contains("2 questions are due for review."));
				new org.openqa.selenium.support.ui.Select(browser.find("#interview-style")).selectByValue("strict");
				browser.screenshot("41-start-review-due");
				browser.clickable("#start-review").click();
				browser.clickable("#answer:not([disabled])");
				assertThat(WebChatBrowserIntegrationTests.lastQuestion(browser))
					.matches("(?s)^(Answer precisely|Question|Be specific|Explain this precisely): .+");
			});
		}
		BrowserSession session = BrowserSession.login(this.client, username, "a-long-enough-password");
		JsonNode latest = Api.parse(session.get("/api/interviews").exchange().expectBody().returnResult().getResponseBody())
			.get("items")
			.get(0);
		assertThat(latest.get("mode").asString()).isEqualTo("review");
		assertThat(latest.get("style").asString()).isEqualTo("strict");
		assertThat(latest.get("questionCount").asInt()).isEqualTo(2);
		JsonNode review = Api.parse(session.get("/api/interviews/{id}", latest.get("id").asString())
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(review.get("currentTurn").get("questionId").asString()).isEqualTo(questions.get(0).id().toString());
	}

	private static void answer(BrowserSession session, JsonNode interview, String text) {
		Api.events(session.post("/api/interviews/{id}/turns/{turn}/answer", interview.get("id").asString(),
				interview.get("currentTurn").get("id").asString())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("text", text))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new org.springframework.core.ParameterizedTypeReference<org.springframework.http.codec.ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.timeout(java.time.Duration.ofSeconds(60)));
	}

}
