package dev.rehearse.web;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rehearse.DatabaseTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict card in real headless Chromium with the offline examiner: read at a glance (score,
 * "covered · partly · missed", the key points' titles, each once), the rest behind keyboard-usable
 * expanders, its header scrolled into view when it arrives on a desktop and on a phone, in English
 * and Chinese, light and dark; the reference answer withheld while a follow-up is open and shown
 * after Skip.
 */
@DatabaseTest
class VerdictCardBrowserIntegrationTests {

	static final String EN_BANK = "java-backend-basics";

	static final String ZH_BANK = "000_ea10622d267c88e5";

	/** Touches the Chinese seed bank's topics (model families, LangChain, vector databases) whatever the question. */
	static final String ZH_ANSWER = "主流的大模型有 GPT 系列和 BERT，GPT 是基于 Transformer 的自回归生成模型，BERT 是双向编码器，"
			+ "适合理解类任务。选型时要看场景、数据量和算力。LangChain Agent 会根据工具描述决定调用哪个工具，"
			+ "再把结果交给大模型。企业知识库可以把文档切分后做向量化，存进 Milvus 这样的向量数据库做相似度检索。";

	static final Pattern EN_COUNTS = Pattern.compile("covered (\\d+) · partly (\\d+) · missed (\\d+) of (\\d+)");

	static final Pattern ZH_COUNTS = Pattern.compile("答到 (\\d+) · 部分 (\\d+) · 未答 (\\d+) / 共 (\\d+)");

	@LocalServerPort
	int port;

	@Test
	void verdictCardIsReadAtAGlanceWithItsHeaderInViewOnADesktop() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("verdict-en", () -> {
				browser.viewport(1366, 850, false);
				start(browser, EN_BANK, 2);

				// the timer waits for the first keystroke: reading the question is not answering it
				WebElement box = browser.clickable("#answer:not([disabled])");
				sleep(4500);
				assertThat(browser.find("#composer .timer").getText()).isEqualTo("00:00");
				WebElement card = answer(browser, WebChatBrowserIntegrationTests.answerTo(lastQuestion(browser)));
				Matcher meta = Pattern.compile("Typed · 00:(\\d\\d) · saved").matcher(browser.all(".msg-meta").get(0).getText());
				assertThat(meta.find()).as("answer meta").isTrue();
				assertThat(Integer.parseInt(meta.group(1))).as("seconds timed from the first keystroke, not from the question")
					.isBetween(1, 3);

				assertHeaderInViewAboveTheNextQuestion(browser, card);
				assertGlance(browser, card, EN_COUNTS);
				assertThat(card.findElement(By.cssSelector("[data-testid=delivery]")).getAttribute("textContent"))
					.as("a typed answer shows its length, not a speaking rate")
					.contains("characters")
					.doesNotContain("/ min");
				browser.screenshot("12-verdict-en-1366-light");
				browser.dark(true);
				browser.screenshot("12b-verdict-en-1366-dark");

				// the expanders open from the keyboard (the reference, or while a follow-up is open, when it comes)
				WebElement reference = card.findElement(By.cssSelector("[data-testid=reference]"));
				WebElement referenceSummary = reference.findElement(By.tagName("summary"));
				WebElement referenceBody = reference.findElement(By.cssSelector("[data-testid=reference-text], [data-testid=reference-later]"));
				assertThat(referenceBody.isDisplayed()).isFalse();
				browser.script("arguments[0].focus()", referenceSummary);
				referenceSummary.sendKeys(Keys.ENTER);
				browser.wait.until(ExpectedConditions.visibilityOf(referenceBody));
				WebElement firstPoint = card.findElement(By.cssSelector(".kp-more > summary"));
				browser.script("arguments[0].focus()", firstPoint);
				firstPoint.sendKeys(Keys.SPACE);
				browser.wait.until((driver) -> card.findElement(By.cssSelector(".kp-more")).getAttribute("open") != null);
				browser.script("arguments[0].querySelectorAll('details').forEach((d) => { d.open = true; })", card);
				browser.dark(false);
				browser.screenshot("12c-verdict-en-1366-expanded", card);
				browser.script("arguments[0].querySelectorAll('details').forEach((d) => { d.open = false; })", card);

				browser.viewport(390, 844, true);
				browser.screenshot("13-verdict-en-390-light", card);
				browser.dark(true);
				browser.screenshot("13b-verdict-en-390-dark", card);
				assertThat(browser.consoleErrors("/api/me - Failed to load resource: the server responded with a status of 401"))
					.isEmpty();
			});
		}
	}

	@Test
	void verdictCardHeaderIsInViewOnAPhoneInChinese() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "zh-CN")) {
			browser.run("verdict-zh", () -> {
				browser.viewport(390, 844, true);
				start(browser, ZH_BANK, 2);
				WebElement card = answer(browser, ZH_ANSWER);

				assertHeaderInViewAboveTheNextQuestion(browser, card);
				assertGlance(browser, card, ZH_COUNTS);
				browser.screenshot("14-verdict-zh-390-light");
				browser.dark(true);
				browser.screenshot("14b-verdict-zh-390-dark");

				browser.viewport(1366, 850, false);
				browser.screenshot("15b-verdict-zh-1366-dark", card);
				browser.dark(false);
				browser.screenshot("15-verdict-zh-1366-light", card);
				assertThat(browser.consoleErrors("/api/me - Failed to load resource: the server responded with a status of 401"))
					.isEmpty();
			});
		}
	}

	@Test
	void referenceAnswerStaysHiddenWhileAFollowUpIsOpenAndShowsAfterSkip() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("follow-up-skip", () -> {
				browser.viewport(1366, 850, false);
				start(browser, EN_BANK, 5);
				boolean skipped = false;
				boolean answeredFollowUp = false;
				for (int question = 0; question < 5 && !skipped && browser.all("[data-testid=report]").isEmpty(); question++) {
					WebElement card = answer(browser, partial(WebChatBrowserIntegrationTests.answerTo(lastQuestion(browser))));
					if (!lastExaminerBubble(browser).getAttribute("innerHTML").contains("bubble-tag follow")) {
						// no follow-up (a move-on): the reference can be opened at once
						assertThat(card.getAttribute("data-revealed")).isEqualTo("true");
						continue;
					}
					String parentTurn = card.getAttribute("data-turn");
					// while the follow-up is open: no reference answer, and the card says when it comes
					assertThat(card.getAttribute("data-revealed")).isEqualTo("false");
					assertThat(card.findElements(By.cssSelector("[data-testid=reference-text]"))).isEmpty();
					assertThat(card.findElement(By.cssSelector("[data-testid=reference-later]")).getAttribute("textContent"))
						.contains("answer or skip the follow-up");
					String pageBefore = browser.script("return document.body.textContent");
					if (!answeredFollowUp) {
						// answering the follow-up reveals the card it belongs to
						answer(browser, WebChatBrowserIntegrationTests.answerTo(lastQuestion(browser)));
						WebElement parent = browser.find("[data-testid=verdict][data-turn='" + parentTurn + "']");
						assertThat(parent.getAttribute("data-revealed")).isEqualTo("true");
						assertThat(parent.findElements(By.cssSelector("[data-testid=reference-text]"))).hasSize(1);
						answeredFollowUp = true;
						continue;
					}
					browser.screenshot("16-follow-up-open", card);
					WebElement skip = browser.clickable("[data-testid=skip-follow-up]");
					skip.click();
					// read in one go: the revealed card replaces the old one, a held element goes stale
					browser.wait.until((driver) -> "true".equals(browser.script(
							"return document.querySelector(\"[data-testid=verdict][data-turn='\" + arguments[0] + \"']\")?.dataset.revealed",
							parentTurn)));
					WebElement parent = browser.find("[data-testid=verdict][data-turn='" + parentTurn + "']");
					String reference = browser.find("[data-turn='" + parentTurn + "'] [data-testid=reference-text]").getText();
					assertThat(reference).as("the reference answer, shown once skipped").isNotBlank();
					assertThat(pageBefore).as("the page before the skip").doesNotContain(reference.substring(0, Math.min(60, reference.length())));
					assertThat(browser.find("[data-testid=skipped]").getText()).isEqualTo("Follow-up skipped");
					assertThat(browser.all("[data-testid=skip-follow-up]")).isEmpty();
					browser.wait.until((driver) -> !browser.all("[data-testid=report]").isEmpty()
							|| !browser.all("#answer:not([disabled])").isEmpty());
					browser.screenshot("17-follow-up-skipped", parent);
					skipped = true;
				}
				assertThat(answeredFollowUp).as("a follow-up was answered").isTrue();
				assertThat(skipped).as("a follow-up was asked and skipped").isTrue();
				assertThat(browser.consoleErrors("/api/me - Failed to load resource: the server responded with a status of 401"))
					.isEmpty();
			});
		}
	}

	/** Signs up, picks the bank by its id and starts an interview of that many questions. */
	static void start(HeadlessChromium browser, String bankId, int questions) {
		browser.go("/#/signup");
		browser.find("#username").sendKeys("card" + UUID.randomUUID().toString().substring(0, 8));
		browser.find("#password").sendKeys("a-long-enough-password");
		browser.clickable("#auth-submit").click();
		browser.find("#start-interview");
		browser.script("document.querySelector(\"input[name=bank][value='\" + arguments[0] + \"']\").click()", bankId);
		WebElement count = browser.find("#question-count");
		count.clear();
		count.sendKeys(String.valueOf(questions));
		browser.clickable("#start-interview").click();
		browser.clickable("#answer:not([disabled])");
	}

	/** Sends an answer and returns its verdict card once what follows it (question or report) is there. */
	static WebElement answer(HeadlessChromium browser, String text) {
		int verdicts = browser.all("[data-testid=verdict]").size();
		browser.clickable("#answer:not([disabled])").sendKeys(text, Keys.ENTER);
		browser.wait.until((driver) -> browser.all("[data-testid=verdict]").size() > verdicts);
		browser.wait.until((driver) -> !browser.all("[data-testid=report]").isEmpty()
				|| !browser.all("#answer:not([disabled])").isEmpty());
		List<WebElement> cards = browser.all("[data-testid=verdict]");
		return cards.get(cards.size() - 1);
	}

	/** About the first half of an answer, by sentence: enough to be graded, not enough to cover it all. */
	static String partial(String answer) {
		String[] sentences = answer.split("(?<=\\.) ");
		StringBuilder half = new StringBuilder();
		for (String sentence : sentences) {
			if (half.length() > answer.length() / 2) {
				break;
			}
			half.append(sentence).append(' ');
		}
		return half.toString().strip();
	}

	static String lastQuestion(HeadlessChromium browser) {
		return WebChatBrowserIntegrationTests.lastQuestion(browser);
	}

	static WebElement lastExaminerBubble(HeadlessChromium browser) {
		List<WebElement> bubbles = browser.all(".msg.examiner[data-turn]");
		return bubbles.get(bubbles.size() - 1);
	}

	/**
	 * The card's header (score, counts, summary) is wholly in view once the verdict has come, and
	 * stays there while the next question is added below it.
	 */
	static void assertHeaderInViewAboveTheNextQuestion(HeadlessChromium browser, WebElement card) {
		WebElement head = card.findElement(By.cssSelector("[data-testid=verdict-head]"));
		browser.wait.until((driver) -> browser.inView(head));
		browser.settled();
		assertThat(browser.inView(head)).as("the verdict card's header in view after the next question came").isTrue();
		if (browser.all("[data-testid=report]").isEmpty()) {
			double cardTop = ((Number) browser.script("return arguments[0].getBoundingClientRect().top", card)).doubleValue();
			double questionTop = ((Number) browser.script("return arguments[0].getBoundingClientRect().top",
					lastExaminerBubble(browser)))
				.doubleValue();
			assertThat(questionTop).as("the next question follows below the card").isGreaterThan(cardTop);
		}
	}

	/**
	 * At a glance: "covered · partly · missed of N" agreeing with the titles listed and their
	 * marks; every expander closed; each title appearing once outside the expanders' details.
	 */
	static void assertGlance(HeadlessChromium browser, WebElement card, Pattern counts) {
		Matcher matcher = counts.matcher(card.findElement(By.cssSelector("[data-testid=coverage]")).getText());
		assertThat(matcher.find()).as("coverage counts").isTrue();
		int covered = Integer.parseInt(matcher.group(1));
		int partly = Integer.parseInt(matcher.group(2));
		int missed = Integer.parseInt(matcher.group(3));
		int total = Integer.parseInt(matcher.group(4));
		assertThat(covered + partly + missed).isEqualTo(total);
		List<WebElement> points = card.findElements(By.cssSelector("li.kp"));
		assertThat(points).hasSize(total);
		assertThat(points.stream().filter((p) -> p.getAttribute("class").contains("covered"))).hasSize(covered);
		assertThat(points.stream().filter((p) -> p.getAttribute("class").contains("partly"))).hasSize(partly);
		for (WebElement point : points) {
			String mark = point.findElement(By.cssSelector(".kp-icon")).getText();
			String cls = point.getAttribute("class");
			assertThat(mark).isEqualTo(cls.contains("covered") ? "✓" : cls.contains("partly") ? "~" : "✗");
			assertThat(point.findElement(By.cssSelector(".kp-point")).getText()).isNotBlank();
		}
		assertThat(card.findElements(By.cssSelector("details[open]"))).as("expanders closed at first").isEmpty();
		assertThat(card.findElements(By.cssSelector("[data-testid=reference]"))).hasSize(1);
		// a title is listed once, and no strength or improvement is just that title with a label
		// around it ("Covers: X", "补充要点：X")
		List<String> repeated = browser.script("""
				const card = arguments[0];
				const normal = (text) => text.toLowerCase().replace(/[\\s\\p{P}\\p{S}]+/gu, '');
				const titles = [...card.querySelectorAll('.kp-point')].map((p) => p.textContent);
				const notes = [...card.querySelectorAll('[data-testid=notes] li')].map((li) => normal(li.textContent));
				return titles.filter((title) => titles.filter((t) => t === title).length !== 1
					|| notes.some((note) => note.includes(normal(title)) && note.length - normal(title).length <= 14));
				""", card);
		assertThat(repeated).as("titles repeated on the card (as a strength, an improvement…)").isEmpty();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
