package dev.rehearse.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rehearse.DatabaseTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The web chat in real headless Chromium against the whole application (real API, real
 * PostgreSQL) with the offline examiner: a candidate signs up, runs a three-question interview by
 * typing, reaches the report, and reviews it in the history, in English and in Chinese.
 */
@DatabaseTest
class WebChatBrowserIntegrationTests {

	static final String SCRIPT = "<img src=x onerror=alert(1)>";

	/** Answers to the seed bank "Java Backend Basics", by a word of the question (or follow-up) they answer. */
	static final Map<String, String> ANSWERS = new LinkedHashMap<>();

	static {
		ANSWERS.put("stack", "Each thread has its own stack of frames holding local variables and references, freed when "
				+ "the method returns. All objects and arrays live on the heap, which all threads share, and the garbage "
				+ "collector reclaims heap objects that are no longer reachable. Stack exhaustion gives StackOverflowError, "
				+ "heap exhaustion gives OutOfMemoryError.");
		ANSWERS.put("garbage", "Reachability from GC roots decides liveness, not reference counting: GC roots include "
				+ "stack variables, static fields, JNI references and live threads, so unreachable cycles are collected too. "
				+ "Collection is generational: young objects are collected often and survivors are promoted to the old "
				+ "generation. G1 is the default collector since Java 9.");
		ANSWERS.put("volatile", "volatile guarantees visibility: a read sees the most recent write, and happens-before: "
				+ "everything before the volatile write is visible after the volatile read; it prevents reordering. It does "
				+ "not make compound actions such as count++ atomic: use atomic classes or locks for read-modify-write.");
		ANSWERS.put("executor", "An ExecutorService reuses a bounded pool of threads instead of creating a thread per task, "
				+ "queues the work, returns futures for results and exceptions, and can be shut down cleanly.");
		ANSWERS.put("injection", "With dependency injection objects receive their collaborators from the container instead "
				+ "of creating them, which decouples classes and makes them testable. Constructor injection makes dependencies "
				+ "explicit, required and final, objects can be built in plain unit tests, and a single constructor needs no "
				+ "@Autowired.");
		ANSWERS.put("transactional", "@Transactional is implemented by a proxy that begins, commits or rolls back around the "
				+ "call; it rolls back on unchecked exceptions by default. Self-invocation bypasses the proxy, so no "
				+ "transaction is started: move the method to another bean or use TransactionTemplate.");
		ANSWERS.put("n+1", "The N+1 problem is one query for a list then one more query per row. Avoid it with a join fetch, "
				+ "an entity graph or batch fetching so the related rows come in one or a few queries.");
	}

	@LocalServerPort
	int port;

	@Test
	void candidateRunsAWholeInterviewByTypingAndReviewsItInHistory() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("offline", () -> wholeInterview(browser));
		}
	}

	@Test
	void aSignUpErrorIsShownOnceBesideItsField() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("sign-up-error", () -> {
				browser.go("/#/signup");
				browser.find("#username").sendKeys("ok" + UUID.randomUUID().toString().substring(0, 6));
				browser.find("#password").sendKeys("short");
				browser.clickable("#auth-submit").click();
				WebElement passwordError = browser.wait
					.until((driver) -> browser.all("#password-error").stream().filter((e) -> !e.getText().isBlank()).findFirst().orElse(null));
				assertThat(browser.find("#password").getAttribute("aria-invalid")).isEqualTo("true");
				String message = passwordError.getText();
				String page = browser.script("return document.body.innerText");
				assertThat(page.split(java.util.regex.Pattern.quote(message), -1)).as("the message shown once").hasSize(2);
				assertThat(browser.all("form .alert")).allMatch((box) -> !box.isDisplayed());
				assertThat(browser.all(".toast")).as("no toast besides the field's message").isEmpty();
			});
		}
	}

	/** On the start page: the bank whose title contains {@code title}, and how many questions. */
	static void chooseBank(HeadlessChromium browser, String title, int questions) {
		browser.all(".bank-option label")
			.stream()
			.filter((label) -> label.getText().contains(title))
			.findFirst()
			.orElseThrow()
			.click();
		WebElement count = browser.find("#question-count");
		count.clear();
		count.sendKeys(String.valueOf(questions));
	}

	private void wholeInterview(HeadlessChromium browser) {
		signUp(browser, "web" + UUID.randomUUID().toString().substring(0, 8));

		// start: the examiner is named; three questions from the English seed bank
		assertThat(browser.find("[data-testid=examiner]").getText()).contains("Offline examiner");
		chooseBank(browser, "Java Backend Basics", 3);
		browser.screenshot("02-start");
		browser.clickable("#start-interview").click();

		// the chat: Shift+Enter is a new line, Enter sends
		WebElement answer = browser.clickable("#answer:not([disabled])");
		browser.screenshot("03-chat-question");
		answer.sendKeys("first line", Keys.chord(Keys.SHIFT, Keys.ENTER), "second line");
		assertThat(answer.getAttribute("value")).isEqualTo("first line\nsecond line");
		assertThat(browser.all("[data-testid=answer]")).isEmpty();
		answer.clear();

		// an answer the API refuses (too long): its ProblemDetail is shown, the text is kept to edit
		browser.script("""
				const box = document.getElementById('answer');
				box.value = 'x'.repeat(30000);
				box.dispatchEvent(new Event('input'));
				""");
		answer.sendKeys(Keys.ENTER);
		WebElement toast = browser.find(".toast .toast-text");
		assertThat(toast.getText()).isNotBlank().doesNotContain("The server answered with status").doesNotContain("{");
		assertThat(browser.clickable("#answer:not([disabled])").getAttribute("value")).hasSize(30000);
		assertThat(browser.all("[data-testid=answer]")).isEmpty();
		browser.screenshot("03b-chat-error");
		browser.clickable(".toast button").click();
		answer.clear();

		int sent = 0;
		while (browser.all("[data-testid=report]").isEmpty()) {
			assertThat(sent).as("answers sent before the report appeared").isLessThan(6);
			int verdicts = browser.all("[data-testid=verdict]").size();
			WebElement box = browser.clickable("#answer:not([disabled])");
			box.sendKeys(((sent == 0) ? SCRIPT + " " : "") + answerTo(lastQuestion(browser)), Keys.ENTER);
			sent++;
			browser.wait.until((driver) -> browser.all("[data-testid=verdict]").size() > verdicts);
			browser.wait.until((driver) -> !browser.all("[data-testid=report]").isEmpty()
					|| !browser.all("#answer:not([disabled])").isEmpty());
			if (sent == 1) {
				browser.screenshot("04-chat-verdict", browser.all("[data-testid=answer]").get(0));
			}
		}
		assertThat(sent).as("three questions, perhaps with follow-ups").isGreaterThanOrEqualTo(3);
		WebElement report = browser.find("[data-testid=report]");
		assertThat(report.getText()).contains("Interview report");
		browser.screenshot("05-chat-report", report);

		// the untrusted answer is shown as text, never as markup
		assertThat(browser.all("[data-testid=answer]").get(0).getText()).startsWith(SCRIPT);
		assertThat(browser.all("img")).isEmpty();

		// history: the interview with its score, and the charts
		browser.clickable("#nav a[data-route=history]").click();
		WebElement row = browser.find("tbody tr");
		assertThat(row.getText()).contains("Finished").contains("3 questions ·").containsPattern("· [3-9] answers");
		assertThat(browser.find(".page-head p").getText()).as("English plural of one").isEqualTo("1 interview so far.");
		browser.find("#chart-time");
		browser.find("#chart-category");
		browser.screenshot("06-history");

		// review: the whole transcript, and the report downloads as Markdown
		browser.clickable("tbody a[href^='#/review/']").click();
		WebElement transcript = browser.find("[data-testid=transcript]");
		assertThat(transcript.findElements(By.cssSelector("[data-testid=answer]"))).hasSizeGreaterThanOrEqualTo(3);
		assertThat(transcript.findElements(By.cssSelector("[data-testid=answer]")).get(0).getText())
			.startsWith(SCRIPT + " ");
		assertThat(transcript.findElements(By.cssSelector("[data-testid=verdict]"))).hasSizeGreaterThanOrEqualTo(3);
		assertThat(browser.all("img")).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.driver.switchTo().alert());
		browser.screenshot("07-review");
		String markdown = fetchText(browser, browser.find("#download-report").getAttribute("href"));
		assertThat(markdown).startsWith("#");

		// the same page in Chinese
		browser.clickable("#lang-toggle").click();
		browser.wait.until((driver) -> "zh-CN".equals(browser.script("return document.documentElement.lang")));
		assertThat(browser.find("#nav a[data-route=history]").getText()).isEqualTo("历史记录");
		assertThat(browser.find("[data-testid=transcript] h2").getText()).isEqualTo("对话记录");
		browser.screenshot("08-review-zh");
		browser.clickable("#nav a[data-route=history]").click();
		browser.find("tbody tr");
		browser.screenshot("09-history-zh");
		browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		browser.find("tbody tr");
		browser.screenshot("09b-history-zh-dark");

		// delete it from the history, after confirming
		browser.clickable("tbody button.btn-danger").click();
		browser.clickable("dialog .btn-danger").click();
		browser.wait.until((driver) -> browser.all("tbody tr").isEmpty());
		browser.find(".empty");

		// no script error, no blocked inline code (CSP), no failed request but the two provoked
		assertThat(browser.consoleErrors("/api/me - Failed to load resource: the server responded with a status of 401",
				"/answer - Failed to load resource: the server responded with a status of 413"))
			.isEmpty();

		// sign out: back to the sign-in form
		browser.clickable("#sign-out").click();
		browser.find("#username");
	}

	/** Signs up a new candidate and starts an interview of N questions on the Java example bank. */
	static void startJavaInterview(HeadlessChromium browser, String prefix, int questions) {
		signUp(browser, prefix + UUID.randomUUID().toString().substring(0, 8));
		chooseBank(browser, "Java Backend Basics", questions);
		browser.clickable("#start-interview").click();
	}

	static void signUp(HeadlessChromium browser, String username) {
		browser.go("/");
		browser.find("#username");
		browser.screenshot("01-sign-in");
		browser.clickable("#tab-signup").click();
		browser.wait.until(ExpectedConditions.attributeToBe(By.id("tab-signup"), "aria-selected", "true"));
		browser.find("#username").sendKeys(username);
		browser.find("#password").sendKeys("a-long-enough-password");
		browser.clickable("#auth-submit").click();
		browser.find("#start-interview");
	}

	/** The question (or follow-up) asked last, as the examiner said it. */
	static String lastQuestion(HeadlessChromium browser) {
		List<WebElement> questions = browser.all(".msg.examiner .bubble-text");
		return questions.get(questions.size() - 1).getText();
	}

	/** The scripted answer whose key word the question names (a follow-up names a key point of its question). */
	static String answerTo(String question) {
		String lower = question.toLowerCase(Locale.ROOT);
		return ANSWERS.entrySet()
			.stream()
			.filter((entry) -> lower.contains(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(String.join(" ", ANSWERS.values()));
	}

	static String fetchText(HeadlessChromium browser, String url) {
		return (String) browser.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], { credentials: 'same-origin' }).then((r) => r.ok ? r.text() : 'HTTP ' + r.status)
					.then(done, (e) => done('failed: ' + e));
				""", url);
	}

}
