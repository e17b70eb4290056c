package dev.rehearse.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.rehearse.FakeModelTest;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat with an LLM examiner (the fake OpenAI-compatible model server, answering one
 * token every 60 ms): the feedback appears in the page piece by piece while the model is still
 * writing, is announced to screen readers, and only then is the verdict card shown.
 */
@FakeModelTest
// a broken model must fail this test, not be hidden by the offline examiner standing in
@TestPropertySource(properties = { "rehearse.examiner.on-failure=fail" })
class WebChatStreamingBrowserIntegrationTests {

	/** On the seed bank's topic (large models), so the examiner's off-topic screen lets it through to the model. */
	static final String ANSWER = "GPT uses a Transformer decoder and BERT is a bidirectional encoder; "
			+ "大模型的能力来自训练数据、算力和模型架构。";

	static final String FEEDBACK = "**Good start.** You named two of the main model families and said how "
			+ "they are built. To complete the answer, also mention T5 and XLNet, and say what each family "
			+ "is best at. Finally, connect the architectures to the tasks they suit.";

	static final String VERDICT = "{\"score\":6.5,\"keyPoints\":[{\"id\":\"K1\",\"coverage\":\"COVERED\","
			+ "\"evidence\":\"GPT uses a Transformer decoder\"}],"
			+ "\"strengths\":[\"Names the main families\"],\"improvements\":[\"Add T5 and XLNet\"]}";

	/** The grading prompt names its per-request verdict marker; spoken lines and follow-ups have none. */
	static final Pattern MARKER = Pattern.compile("<<<VERDICT [0-9a-f]+>>>");

	static final FakeModelServer model = FakeModelServer.start().defaultReply(Reply.text((request) -> {
		Matcher marker = MARKER.matcher(request.system());
		return marker.find() ? FEEDBACK + "\n" + marker.group() + "\n" + VERDICT
				: "Let us talk about this one: which large model families do you know?";
	}).tokenDelay(Duration.ofMillis(60)));

	@AfterAll
	static void stopModel() {
		model.close();
	}

	@LocalServerPort
	int port;

	@Test
	void feedbackAppearsTokenByTokenBeforeTheVerdict() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("streaming", () -> streamedAnswer(browser));
		}
	}

	@Test
	void streamingFeedbackIsNeverCoveredByTheAnswerBoxOnAPhone() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("streaming-phone", () -> {
				browser.viewport(390, 844, true);
				WebChatBrowserIntegrationTests.signUp(browser, "phone" + UUID.randomUUID().toString().substring(0, 8));
				WebElement count = browser.find("#question-count");
				count.clear();
				count.sendKeys("1");
				browser.clickable("#start-interview").click();
				WebElement answer = browser.clickable("#answer:not([disabled])");
				assertThat(answer.getSize().getHeight()).as("a compact one-line answer box").isLessThan(48);

				// where the growing feedback ends and where the answer box begins, at every change
				browser.script("""
						window.__layout = [];
						new MutationObserver(() => {
							const bubbles = document.querySelectorAll('[data-testid=feedback]');
							const last = bubbles[bubbles.length - 1];
							if (!last || !last.textContent) return;
							window.__layout.push({
								feedbackBottom: last.getBoundingClientRect().bottom,
								composerTop: document.getElementById('composer').getBoundingClientRect().top,
								overflow: document.documentElement.scrollHeight > innerHeight,
								verdict: document.querySelectorAll('[data-testid=verdict]').length > 0,
							});
						}).observe(document.getElementById('thread'), { subtree: true, childList: true, characterData: true });
						""");
				answer.sendKeys(String.join(" ", ANSWER, ANSWER, ANSWER), Keys.ENTER);
				browser.wait.until((driver) -> !browser.all("[data-testid=feedback]").isEmpty()
						&& browser.all("[data-testid=feedback]").get(0).getText().length() > 60);
				assertThat(browser.all("[data-testid=verdict]")).isEmpty();
				browser.screenshot("10b-feedback-streaming-390");
				WebElement verdict = browser.find("[data-testid=verdict]");
				WebElement head = verdict.findElement(org.openqa.selenium.By.cssSelector("[data-testid=verdict-head]"));
				browser.wait.until((driver) -> browser.inView(head));

				List<Map<String, Object>> states = browser.script("return window.__layout");
				List<Map<String, Object>> streaming = states.stream().filter((state) -> !(Boolean) state.get("verdict")).toList();
				assertThat(streaming).as("feedback states while streaming").hasSizeGreaterThanOrEqualTo(5);
				assertThat(streaming).as("the page is taller than the phone's screen while the feedback streams")
					.anyMatch((state) -> (Boolean) state.get("overflow"));
				assertThat(streaming).as("the feedback's newest line stays above the answer box")
					.allMatch((state) -> ((Number) state.get("feedbackBottom")).doubleValue()
							<= ((Number) state.get("composerTop")).doubleValue() + 1);
			});
		}
	}

	private void streamedAnswer(HeadlessChromium browser) {
		WebChatBrowserIntegrationTests.signUp(browser, "stream" + UUID.randomUUID().toString().substring(0, 8));
		assertThat(browser.find("[data-testid=examiner]").getText()).contains("fake-model");
		WebElement count = browser.find("#question-count");
		count.clear();
		count.sendKeys("1");
		// keyboard only: Tab reaches the start button past the mode switch, Enter starts
		for (int i = 0; i < 6 && !"start-interview".equals(browser.script("return document.activeElement.id")); i++) {
			browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		assertThat((String) browser.script("return document.activeElement.id")).isEqualTo("start-interview");
		browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
		WebElement answer = browser.clickable("#answer:not([disabled])");

		// record every state the feedback bubble goes through, from inside the page
		browser.script("""
				window.__feedback = [];
				new MutationObserver(() => {
					const bubbles = document.querySelectorAll('[data-testid=feedback]');
					const last = bubbles[bubbles.length - 1];
					window.__feedback.push({
						length: last ? last.textContent.length : 0,
						verdict: document.querySelectorAll('[data-testid=verdict]').length > 0,
					});
				}).observe(document.getElementById('thread'), { subtree: true, childList: true, characterData: true });
				""");
		answer.sendKeys(ANSWER, Keys.ENTER);

		// part of the feedback is on screen while the verdict has not come yet
		browser.wait.until((driver) -> !browser.all("[data-testid=feedback]").isEmpty()
				&& browser.all("[data-testid=feedback]").get(0).getText().length() > 10);
		assertThat(browser.all("[data-testid=verdict]")).as("verdict card while feedback is streaming").isEmpty();
		String partial = browser.all("[data-testid=feedback]").get(0).getText();
		assertThat(FEEDBACK.replace("**", "")).as("partial feedback").startsWith(partial.strip()).isNotEqualTo(partial.strip());
		browser.screenshot("10-feedback-streaming");

		WebElement verdict = browser.find("[data-testid=verdict]");
		assertThat(verdict.getText()).contains("6.5").contains("fake-model").doesNotContain("GPT uses a Transformer decoder");
		// the candidate's words that cover a point are one click away, behind the point's title
		browser.clickable("[data-testid=verdict] li.kp.covered summary").click();
		assertThat(browser.find("[data-testid=verdict] .kp-evidence").getText()).contains("GPT uses a Transformer decoder");
		assertThat(browser.all("[data-testid=feedback] strong")).extracting(WebElement::getText)
			.containsExactly("Good start.");
		List<Map<String, Object>> states = browser.script("return window.__feedback");
		List<Long> lengthsBeforeVerdict = states.stream()
			.filter((state) -> !(Boolean) state.get("verdict"))
			.map((state) -> (Long) state.get("length"))
			.filter((length) -> length > 0)
			.distinct()
			.toList();
		assertThat(lengthsBeforeVerdict).as("feedback lengths seen before the verdict").hasSizeGreaterThanOrEqualTo(5);
		assertThat(lengthsBeforeVerdict).isSorted();
		String announced = browser.script("return document.getElementById('announcer').textContent");
		assertThat(announced).contains("Good start.").contains("Verdict: 6.5 out of 10.");
		browser.screenshot("11-feedback-verdict", browser.all("[data-testid=feedback]").get(0));

		// the follow-up (if the examiner asks one), then the report
		while (browser.all("[data-testid=report]").isEmpty()) {
			int verdicts = browser.all("[data-testid=verdict]").size();
			browser.wait.until((driver) -> !browser.all("[data-testid=report]").isEmpty()
					|| !browser.all("#answer:not([disabled])").isEmpty());
			if (!browser.all("[data-testid=report]").isEmpty()) {
				break;
			}
			assertThat(verdicts).as("answers before the report").isLessThan(3);
			browser.clickable("#answer:not([disabled])").sendKeys(ANSWER, Keys.ENTER);
			browser.wait.until((driver) -> browser.all("[data-testid=verdict]").size() > verdicts);
		}
		assertThat(browser.find("[data-testid=report]").getText()).contains("Interview report");
	}

}
