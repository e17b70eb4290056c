package dev.rehearse.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.rehearse.DatabaseTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploading a bank in the web chat, in headless Chromium against the whole application with the
 * offline examiner: pasted text with a mistake is previewed with its line and cannot be saved; a
 * Markdown file is previewed (categories, questions, key-point titles), saved, listed as the
 * candidate's own, and an interview on it runs to a graded answer; a new version of the file replaces
 * the bank, and Delete removes it.
 */
@DatabaseTest
class UploadBankBrowserIntegrationTests {

	static final String BANK = """
			---
			title: Networking Basics
			language: en
			---

			## Transport

			### What is the difference between TCP and UDP?
			TCP is connection-oriented and reliable; UDP is connectionless and best-effort.

			Key points:
			- **Connections**: TCP sets up a connection with a three-way handshake, UDP sends datagrams without one
			- **Reliability**: TCP retransmits lost segments and keeps order, UDP does neither
			- **Overhead**: UDP has a smaller header and no congestion control, so it suits real-time traffic

			## Web

			### What happens when you type a URL into a browser?
			DNS resolution, a TCP (and TLS) connection, the HTTP request, then rendering.

			Key points:
			- DNS: the name is resolved to an IP address
			- TLS handshake: keys are agreed and the certificate checked
			""";

	@LocalServerPort
	int port;

	@TempDir
	Path files;

	@Test
	void candidateUploadsAMarkdownBankPreviewsSavesAndRunsAnInterviewOnIt() throws IOException {
		Path file = this.files.resolve("networking.md");
		Files.writeString(file, BANK, StandardCharsets.UTF_8);
		// the same file name, so the same bank id: a new version
		Path newVersion = Files.createDirectory(this.files.resolve("v2")).resolve("networking.md");
		Files.writeString(newVersion, BANK + "\n### What is a socket?\nAn endpoint of a connection: an address and a port.\n",
				StandardCharsets.UTF_8);
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("upload-bank", () -> {
				WebChatBrowserIntegrationTests.signUp(browser, "up" + UUID.randomUUID().toString().substring(0, 8));
				browser.clickable("#upload-panel > summary").click();

				// pasted text with two mistakes: every error with its line, and no way to save it
				browser.find("#bank-text").sendKeys("## Transport\n\nstray text\n### What is TCP?\nA protocol.\n");
				browser.clickable("#bank-preview").click();
				browser.find(".upload-lines.errors li");
				assertThat(browser.all(".upload-lines.errors li")).extracting(WebElement::getText)
					.anySatisfy((error) -> assertThat(error).contains("line 1").contains("no title"))
					.anySatisfy((error) -> assertThat(error).contains("line 3").contains("'### Question'"));
				assertThat(browser.find("#bank-save").isEnabled()).isFalse();
				browser.screenshot("upload-01-error", browser.find("#upload-panel"));
				browser.find("#bank-text").clear();

				// the file: previewed with its categories, questions and key-point titles
				browser.find("#bank-file").sendKeys(file.toAbsolutePath().toString());
				browser.clickable("#bank-preview").click();
				browser.wait.until((driver) -> browser.all(".upload-question").size() == 2);
				String preview = browser.find("#bank-preview-result").getText();
				assertThat(preview).contains("Networking Basics", "Transport", "Web",
						"What is the difference between TCP and UDP?", "Connections · Reliability · Overhead",
						"DNS · TLS handshake");
				assertThat(preview).doesNotContain("three-way handshake");
				browser.screenshot("upload-02-preview", browser.find("#upload-panel"));

				// saved: listed as the candidate's own and chosen
				browser.clickable("#bank-save:not([disabled])").click();
				browser.wait.until((driver) -> bankLabels(browser, ":checked").contains("Networking Basics"));
				assertThat(bankLabels(browser, ":checked")).contains("yours");
				assertThat(browser.all(".bank-delete")).hasSize(1);
				WebElement count = browser.find("#question-count");
				count.clear();
				count.sendKeys("1");
				browser.clickable("#start-interview").click();

				// one answer, graded by the offline examiner
				WebElement box = browser.clickable("#answer:not([disabled])");
				assertThat(WebChatBrowserIntegrationTests.lastQuestion(browser)).containsAnyOf("TCP", "URL");
				box
					.sendKeys("TCP sets up a connection with a three-way handshake and retransmits lost segments; "
							+ "DNS resolves the name to an IP address and the TLS handshake agrees keys.", Keys.ENTER);
				browser.wait.until((driver) -> !browser.all("[data-testid=verdict]").isEmpty());
				browser.screenshot("upload-03-verdict");

				// a new version of the same file replaces the bank (same id), then Delete removes it
				browser.go("/#/start");
				browser.clickable("#upload-panel > summary").click();
				browser.find("#bank-file").sendKeys(newVersion.toAbsolutePath().toString());
				browser.clickable("#bank-preview").click();
				browser.wait.until((driver) -> browser.all(".upload-question").size() == 3);
				assertThat(browser.find("#bank-save").getText()).isEqualTo("Replace my bank");
				browser.clickable("#bank-save:not([disabled])").click();
				browser.wait.until((driver) -> bankLabels(browser, "").contains("3 questions"));
				assertThat(bankLabels(browser, "").split("Networking Basics", -1)).as("listed once").hasSize(2);
				browser.clickable(".bank-delete").click();
				browser.clickable("dialog .btn-danger").click();
				browser.wait.until((driver) -> !bankLabels(browser, "").isEmpty()
						&& !bankLabels(browser, "").contains("Networking Basics"));
				assertThat(browser.all(".bank-delete")).isEmpty();
				// the one expected: the page asks who is signed in before anyone is
				assertThat(browser.consoleErrors("/api/me - Failed to load resource: the server responded with a status of 401"))
					.isEmpty();
			});
		}
	}

	/**
	 * The text of the bank list's labels (of checked options only with {@code ":checked"}), read in
	 * one script: the list is drawn again after each save, and elements found before would be stale.
	 */
	private static String bankLabels(HeadlessChromium browser, String state) {
		return browser.script("return [...document.querySelectorAll('.bank-option input' + arguments[0] + ' + label')]"
				+ ".map((label) => label.innerText).join('\\n')", state);
	}

}
