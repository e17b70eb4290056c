package dev.rehearse.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rehearse.DatabaseTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat on a phone and when things go wrong, in real headless Chromium with the offline
 * examiner: a failed send keeps the answer and a resend never shows it twice, the length counter
 * comes before the limit, every control a finger uses is at least 44 px, toasts cover no button,
 * history's actions say what they do, the theme switch, the skeleton of a slow page, and the start
 * button above the fold on a laptop.
 */
@DatabaseTest
class ChatOnAPhoneBrowserIntegrationTests {

	static final String ANSWER = WebChatBrowserIntegrationTests.ANSWERS.get("garbage");

	@LocalServerPort
	int port;

	@Test
	void aFailedSendKeepsTheAnswerAndSendingAgainNeverShowsItTwice() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("failed-send", () -> {
				WebChatBrowserIntegrationTests.startJavaInterview(browser, "send", 1);
				WebElement box = browser.clickable("#answer:not([disabled])");

				// near the limit the counter shows, before Send is pressed
				assertThat(browser.all("#answer-counter").get(0).isDisplayed()).isFalse();
				browser.script("""
						const box = document.getElementById('answer');
						box.value = 'x'.repeat(3300);
						box.dispatchEvent(new Event('input'));
						""");
				assertThat(browser.find("#answer-counter").getText()).isEqualTo("3,300 / 4,000 characters");
				box.clear();
				box.sendKeys("a");
				browser.wait.until((driver) -> !browser.all("#answer-counter").get(0).isDisplayed());
				box.clear();

				// the network fails once: the answer goes back in the box, its bubble offers to send again
				browser.script("""
						const original = window.fetch;
						window.fetch = (url, options) => {
							if (String(url).endsWith('/answer') && !window.__failedOnce) {
								window.__failedOnce = true;
								return Promise.reject(new TypeError('Failed to fetch'));
							}
							return original(url, options);
						};
						""");
				box.sendKeys(ANSWER, Keys.ENTER);
				WebElement retry = browser.clickable("[data-testid=retry-send]");
				assertThat(browser.find("#answer").getAttribute("value")).isEqualTo(ANSWER);
				assertThat(browser.all("[data-testid=answer]")).hasSize(1);
				assertThat(browser.all("[data-testid=verdict]")).isEmpty();
				browser.screenshot("30-failed-send");

				// sending again: one answer bubble, graded
				retry.click();
				browser.find("[data-testid=verdict]");
				assertThat(browser.all("[data-testid=answer]")).extracting(WebElement::getText).containsExactly(ANSWER);
				assertThat(browser.all("[data-testid=answer-failed]")).isEmpty();
				assertThat(browser.all("[data-testid=retry-send]")).isEmpty();
			});
		}
	}

	@Test
	void onAPhoneEveryControlIsAtLeast44PixelsAndNothingCoversAButton() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("phone", () -> {
				browser.viewport(390, 844, true);
				browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
				WebChatBrowserIntegrationTests.startJavaInterview(browser, "phone", 1);
				browser.clickable("#answer:not([disabled])");
				assertThat((Boolean) browser.script("return matchMedia('(pointer: coarse)').matches")).as("a touch screen").isTrue();
				assertThat(browser.all("#composer-hint")).allMatch((hint) -> !hint.isDisplayed());
				assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= innerWidth"))
					.as("no sideways scrolling").isTrue();
				assertTapTargets(browser, "#lang-toggle", "#theme-toggle", "#sign-out", ".bubble-actions .btn", "#send", "#mic",
						"label.switch", "#handsfree-start", "#voice-settings > summary", "#finish-interview");

				// a toast sits in the top bar's flow: it covers no button
				browser.clickable("#send").click();
				browser.find(".toast");
				assertThat((List<String>) browser.script("""
						const toast = document.querySelector('.toast').getBoundingClientRect();
						return [...document.querySelectorAll('button, a.btn, summary')]
							.filter((b) => !b.closest('.toast') && b.offsetParent)
							.filter((b) => {
								const r = b.getBoundingClientRect();
								return r.left < toast.right && r.right > toast.left && r.top < toast.bottom && r.bottom > toast.top;
							})
							.map((b) => b.id || b.textContent.trim());
						""")).as("buttons under the toast").isEmpty();
				browser.screenshot("31-phone-toast");

				// answer, then the history: actions in words, Delete apart from Download
				browser.clickable("#answer:not([disabled])").sendKeys(ANSWER, Keys.ENTER);
				browser.find("[data-testid=verdict]");
				browser.wait.until((driver) -> !browser.all("[data-testid=report]").isEmpty()
						|| !browser.all("#answer:not([disabled])").isEmpty());
				if (browser.all("[data-testid=report]").isEmpty()) {
					// the chat scrolled to the verdict card: bring Finish out from under the sticky top bar,
					// as a person scrolls up to it (Selenium's own scrolling can leave it under the bar)
					WebElement finish = browser.clickable("#finish-interview");
					browser.script("arguments[0].scrollIntoView({block: 'center'})", finish);
					browser.clickable("#finish-interview").click();
					browser.clickable("dialog .btn-danger").click();
				}
				browser.find("[data-testid=report]");
				browser.clickable("#nav a[data-route=history]").click();
				browser.find("tbody tr");
				List<WebElement> actions = browser.all("tbody tr .actions .btn");
				assertThat(actions).extracting(WebElement::getText).allMatch((text) -> !text.isBlank());
				assertThat((String) browser.script("""
						const remove = document.querySelector('tbody tr [data-action=delete]');
						const before = remove.previousElementSibling;
						return before ? (before.dataset.action || before.className) : '';
						""")).isNotEqualTo("download");
				assertTapTargets(browser, "tbody tr .actions .btn", "#nav a");
				browser.screenshot("32-phone-history", browser.find("tbody tr"));
			});
		}
	}

	@Test
	void onALaptopStartIsAboveTheFoldTheThemeSwitchesAndASlowPageShowsASkeleton() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("laptop", () -> {
				browser.viewport(1366, 850, false);
				WebChatBrowserIntegrationTests.signUp(browser, "laptop" + UUID.randomUUID().toString().substring(0, 8));
				WebElement start = browser.find("#start-interview");
				assertThat((Double) browser.script("return arguments[0].getBoundingClientRect().bottom + 0.0", start))
					.as("the start button's bottom at 1366×850").isLessThanOrEqualTo(850.0);
				browser.screenshot("33-start-1366");

				// system → light → dark → system
				String systemBackground = background(browser);
				browser.dark(true);
				assertThat(background(browser)).as("system follows the device").isNotEqualTo(systemBackground);
				browser.clickable("#theme-toggle").click();
				assertThat((String) browser.script("return document.documentElement.dataset.theme")).isEqualTo("light");
				assertThat(background(browser)).isEqualTo(systemBackground);
				browser.clickable("#theme-toggle").click();
				assertThat((String) browser.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
				String dark = background(browser);
				assertThat(dark).isNotEqualTo(systemBackground);
				browser.go("/#/start");
				browser.find("#start-interview");
				assertThat(background(browser)).as("remembered").isEqualTo(dark);
				browser.clickable("#theme-toggle").click();
				assertThat((String) browser.script("return document.documentElement.dataset.theme || 'system'")).isEqualTo("system");
				browser.dark(false);

				// a slow page: grey blocks after a moment instead of a blank page, gone when it draws
				browser.script("""
						const original = window.fetch;
						window.fetch = (url, options) => String(url).includes('/api/interviews?')
							? new Promise((resolve) => setTimeout(resolve, 1500)).then(() => original(url, options))
							: original(url, options);
						""");
				browser.clickable("#nav a[data-route=history]").click();
				browser.find("[data-testid=skeleton]");
				browser.find(".page-head h1");
				assertThat(browser.all("[data-testid=skeleton]")).isEmpty();
			});
		}
	}

	private static String background(HeadlessChromium browser) {
		return browser.script("return getComputedStyle(document.body).backgroundColor");
	}

	/** Every visible element matching each selector is at least 44 × 44 px. */
	static void assertTapTargets(HeadlessChromium browser, String... selectors) {
		for (String selector : selectors) {
			List<Map<String, Object>> sizes = browser.script("""
					return [...document.querySelectorAll(arguments[0])].filter((e) => e.offsetParent).map((e) => {
						const r = e.getBoundingClientRect();
						return { name: e.id || e.textContent.trim().slice(0, 30), width: r.width, height: r.height };
					});
					""", selector);
			assertThat(sizes).as("elements matching %s", selector).isNotEmpty();
			assertThat(sizes).as("tap targets %s", selector)
				.allMatch((size) -> ((Number) size.get("width")).doubleValue() >= 44 && ((Number) size.get("height")).doubleValue() >= 44);
		}
	}


}
