package dev.rehearse.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.FakeAudioServer;
import dev.rehearse.testsupport.FakeAudioServer.Recorded;
import dev.rehearse.testsupport.FakeAudioServer.Reply;
import dev.rehearse.testsupport.FakeAudioServer.Segment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hands-free voice in real headless Chromium with a fake microphone playing a made-up answer
 * (syllables, a pause, then silence), against the whole application with the offline examiner
 * and a speech server that transcribes to a scripted text. After the one click on "Hands-free"
 * the page reads the question, opens the microphone, hears the answer end, sends the recording,
 * shows the transcript, sends it, streams the feedback, reads the verdict's summary and asks the
 * next question, listening again.
 */
@DatabaseTest
class HandsFreeVoiceBrowserIntegrationTests {

	static final String TRANSCRIPT = WebChatBrowserIntegrationTests.ANSWERS.get("stack");

	/** Two stretches of speech 2.3 s apart: one long pause; 3.2 s spent speaking. */
	static final Reply SCRIPTED = Reply.transcript(TRANSCRIPT, new Segment(0.5, 2.5, "Each thread has its own stack"),
			new Segment(4.8, 6.0, "and all objects live on the heap"));

	static final double SPEECH_SECONDS = 3.2;

	static final FakeAudioServer audio = FakeAudioServer.start().defaultTranscription(SCRIPTED);

	@DynamicPropertySource
	static void speechServerIsTheFake(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.model.audio.transcription", () -> "openai");
		registry.add("spring.ai.model.audio.speech", () -> "openai");
		registry.add("spring.ai.openai.audio.transcription.base-url", audio::baseUrl);
		registry.add("spring.ai.openai.audio.transcription.api-key", () -> "stt-key");
		registry.add("spring.ai.openai.audio.speech.base-url", audio::baseUrl);
		registry.add("spring.ai.openai.audio.speech.api-key", () -> "tts-key");
		registry.add("rehearse.speech.retry.backoff", () -> "20ms");
	}

	static Path microphone;

	@BeforeAll
	static void speechLikeAnswer() throws Exception {
		// half a second of silence, four seconds of speech with a 1.2 s pause in it, five of silence
		microphone = SpeechLikeWav.write(Files.createTempFile("rehearse-answer", ".wav"), 0.5, 4, 1.2, 5);
	}

	@AfterAll
	static void removeAnswer() throws Exception {
		Files.deleteIfExists(microphone);
		audio.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aSpokenAnswerIsHeardSentAndGradedAndTheNextQuestionAskedWithNoClickAfterStart() {
		try (HeadlessChromium browser = openWithMicrophone()) {
			browser.run("hands-free", () -> {
				browser.viewport(1366, 850, false);
				String interviewId = startInterview(browser, "voice");
				// keep my recordings, to hear the answer again on the review page
				browser.clickable("#voice-settings > summary").click();
				browser.clickable("#keep-recordings").click();
				browser.find(".toast.info");
				browser.clickable("#voice-settings > summary").click();
				recordStates(browser);
				browser.clickable("#handsfree-start").click();

				// the question is read, then the microphone listens by itself
				WebElement panel = browser.find("#handsfree");
				browser.wait.until((driver) -> "listening".equals(panel.getAttribute("data-state")));
				browser.wait.until((driver) -> !browser.find("#hf-countdown").getText().isBlank());
				browser.screenshot("20-hands-free-listening-1366");

				// the transcript shows for a moment, then goes as the answer
				browser.wait.until((driver) -> "review".equals(panel.getAttribute("data-state")));
				assertThat(browser.find("#hf-transcript").getAttribute("value")).isEqualTo(TRANSCRIPT);
				browser.screenshot("21-hands-free-transcript-1366");
				WebElement answer = browser.find("[data-testid=answer]");
				assertThat(answer.getText()).isEqualTo(TRANSCRIPT);

				// feedback streams, the verdict comes, the next question is asked and heard for
				browser.find("[data-testid=verdict]");
				browser.wait.until((driver) -> browser.all(".msg.examiner .bubble-text").size() >= 2);
				browser.wait.until((driver) -> "listening".equals(panel.getAttribute("data-state")));

				List<String> states = browser.script("return window.__states");
				assertThat(states).as("the loop, in order").containsSubsequence("speaking", "listening", "ending",
						"transcribing", "review", "waiting", "summary", "speaking", "listening");
				List<String> countdowns = browser.script("return window.__countdowns");
				assertThat(countdowns).as("the silence counted down before the answer ended")
					.anyMatch((text) -> text.matches("Silence: the answer ends in [01]\\.\\d s"));

				// the recording went to the speech server in the bank's language
				List<Recorded> uploads = transcriptions();
				assertThat(uploads).isNotEmpty();
				Recorded upload = uploads.get(0);
				assertThat(upload.fileName()).endsWith(".webm");
				assertThat(upload.file().length).as("bytes recorded").isGreaterThan(2000);
				assertThat(upload.file()).startsWith((byte) 0x1A, (byte) 0x45, (byte) 0xDF, (byte) 0xA3);
				assertThat(upload.fields()).containsEntry("language", "en");

				// a voice answer, its duration the time spent speaking, its pauses from the recording
				Map<String, Object> first = firstTurn(browser, interviewId);
				Map<String, Object> sent = castMap((Map<?, ?>) first.get("answer"));
				assertThat(sent.get("inputMode")).isEqualTo("voice");
				assertThat(((Number) sent.get("durationSeconds")).doubleValue()).isEqualTo(SPEECH_SECONDS);
				browser.screenshot("22-hands-free-next-question-1366");

				// the same voice mode on a phone
				browser.viewport(390, 844, true);
				browser.wait.until((driver) -> "listening".equals(panel.getAttribute("data-state")));
				WebElement mic = browser.find("#hf-mic");
				assertThat(mic.getSize().getWidth()).as("a large microphone button").isGreaterThanOrEqualTo(64);
				browser.screenshot("23-hands-free-listening-390");

				// Esc leaves hands-free: the answer box is back
				browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
				browser.wait.until((driver) -> !panel.isDisplayed());
				assertThat(browser.find("#answer").isDisplayed()).isTrue();
				assertThat(browser.consoleErrors("/api/me - Failed to load resource: the server responded with a status of 401")).isEmpty();
				browser.viewport(1366, 850, false);

				// the review page plays the kept recording next to its transcript
				browser.go("/#/review/" + interviewId);
				WebElement recording = browser.find("[data-testid=transcript] audio[data-testid=recording]");
				String status = browser.driver.executeAsyncScript("""
						const done = arguments[arguments.length - 1];
						fetch(arguments[0].src, { credentials: 'same-origin' })
							.then((r) => done(r.status + ' ' + r.headers.get('Content-Type')), (e) => done(String(e)));
						""", recording).toString();
				assertThat(status).as("the recording kept with the turn it answers").startsWith("200 audio/webm");
				browser.screenshot("24-review-recording", browser.find("[data-testid=transcript] .turn-block"));

				// the delivery of the spoken answer: its rate, and the long pause heard in the recording
				browser.clickable("[data-testid=transcript] [data-testid=verdict] [data-testid=delivery] summary").click();
				assertThat(browser.find("[data-testid=transcript] [data-testid=verdict] [data-testid=delivery]").getText())
					.contains("words / min")
					.contains("1 long pause");
			});
		}
	}

	@Test
	void aFailedTranscriptionKeepsTheRecordingToTryAgainAndSpaceRAndEscSteerTheLoop() {
		try (HeadlessChromium browser = openWithMicrophone()) {
			browser.run("hands-free-failure", () -> {
				startInterview(browser, "retry");
				browser.clickable("#voice-settings > summary").click();
				browser.clickable("#hf-send-at-once").click();
				browser.clickable("#voice-settings > summary").click();
				recordStates(browser);
				// every attempt of the first transcription fails (the service retries 5xx itself)
				audio.enqueueTranscriptions(Reply.status(500), Reply.status(500), Reply.status(500));
				int uploadsBefore = transcriptions().size();
				browser.clickable("#handsfree-start").click();
				WebElement panel = browser.find("#handsfree");
				browser.wait.until((driver) -> "listening".equals(panel.getAttribute("data-state")));

				// Space pauses: nothing ends the answer while paused; Space again goes on
				browser.driver.switchTo().activeElement().sendKeys(" ");
				browser.wait.until((driver) -> panel.getAttribute("class").contains("paused"));
				assertThat(browser.find("#hf-mic").getAttribute("aria-pressed")).isEqualTo("true");
				sleep(4000);
				assertThat(panel.getAttribute("data-state")).isEqualTo("listening");
				browser.driver.switchTo().activeElement().sendKeys(" ");
				browser.wait.until((driver) -> !panel.getAttribute("class").contains("paused"));

				// the speech server fails: the recording is kept, and trying again sends the same one
				WebElement failed = browser.find("#hf-failed");
				assertThat(failed.getText()).contains("could not be transcribed").contains("is kept");
				browser.screenshot("25-hands-free-transcription-failed");
				browser.clickable("#hf-retry").click();
				browser.find("[data-testid=answer]");
				List<Recorded> attempts = transcriptions().subList(uploadsBefore, transcriptions().size());
				assertThat(attempts).as("three failed attempts, then the retry").hasSize(4);
				assertThat(attempts.get(3).file()).as("the same recording sent again").isEqualTo(attempts.get(0).file());
				List<String> states = browser.script("return window.__states");
				assertThat(states).as("sent at once, no transcript to review").doesNotContain("review");

				// R reads the question again and listens again; Esc leaves
				browser.wait.until((driver) -> browser.all(".msg.examiner .bubble-text").size() >= 2);
				browser.wait.until((driver) -> "listening".equals(panel.getAttribute("data-state")));
				browser.script("window.__states = []");
				browser.driver.switchTo().activeElement().sendKeys("r");
				browser.wait.until((driver) -> "listening".equals(panel.getAttribute("data-state"))
						&& ((List<?>) browser.script("return window.__states")).contains("speaking"));
				browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
				browser.wait.until((driver) -> !panel.isDisplayed());
				assertThat(browser.find("#answer").isDisplayed()).isTrue();
			});
		}
	}

	/** The transcription requests the speech server has had. */
	private static List<Recorded> transcriptions() {
		return audio.requests().stream().filter((request) -> request.path().endsWith("/transcriptions")).toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HeadlessChromium openWithMicrophone() {
		return HeadlessChromium.open("http://localhost:" + this.port, "en-US",
				List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
						"--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath(),
						"--autoplay-policy=no-user-gesture-required"));
	}

	/** Signs up and starts a two-question interview on the Java bank; returns its id. */
	static String startInterview(HeadlessChromium browser, String prefix) {
		WebChatBrowserIntegrationTests.startJavaInterview(browser, prefix, 2);
		browser.clickable("#answer:not([disabled])");
		String hash = browser.script("return location.hash");
		return hash.substring(hash.lastIndexOf('/') + 1);
	}

	/** Keeps every state the hands-free panel goes through, and every countdown it shows. */
	static void recordStates(HeadlessChromium browser) {
		browser.script("""
				window.__states = [];
				window.__countdowns = [];
				const panel = document.getElementById('handsfree');
				new MutationObserver(() => {
					const state = panel.dataset.state;
					if (window.__states[window.__states.length - 1] !== state) window.__states.push(state);
					const countdown = document.getElementById('hf-countdown').textContent;
					if (countdown && window.__countdowns[window.__countdowns.length - 1] !== countdown) window.__countdowns.push(countdown);
				}).observe(panel, { attributes: true, subtree: true, childList: true, characterData: true });
				""");
	}

	/** The interview's first turn as the API gives it, read from inside the signed-in page. */
	static Map<String, Object> firstTurn(HeadlessChromium browser, String id) {
		Object turn = browser.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/api/interviews/' + arguments[0], { credentials: 'same-origin' })
					.then((r) => r.json()).then((i) => done(i.turns[0]), () => done(null));
				""", id);
		assertThat(turn).isInstanceOf(Map.class);
		return castMap((Map<?, ?>) turn);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
