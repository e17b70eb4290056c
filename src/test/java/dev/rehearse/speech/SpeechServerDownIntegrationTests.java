package dev.rehearse.speech;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeAudioServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A configured speech server that is down (nothing listens on its port): both endpoints answer 502
 * at once, without retries that could only fail the same way.
 */
@DatabaseTest
class SpeechServerDownIntegrationTests {

	static final String DOWN = FakeAudioServer.refusedUrl();

	@DynamicPropertySource
	static void speechServerIsDown(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.model.audio.transcription", () -> "openai");
		registry.add("spring.ai.model.audio.speech", () -> "openai");
		registry.add("spring.ai.openai.audio.transcription.base-url", () -> DOWN);
		registry.add("spring.ai.openai.audio.speech.base-url", () -> DOWN);
	}

	@Autowired
	WebTestClient client;

	@Test
	void aRefusedConnectionIs502ForBothEndpoints() {
		Api api = Api.newCandidate(this.client);
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(FakeAudioServer.wav(1.0))).contentType(MediaType.parseMediaType("audio/wav"));
		form.part("language", "en");
		api.post("/api/speech/transcriptions")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The speech recognition server cannot be reached. Keep the recording and try again, or type the answer.");
		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "What is the heap?", "language", "en"))
			.exchange()
			.expectStatus()
			.isEqualTo(502);
	}

}
