package dev.rehearse.speech;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeAudioServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no speech server configured (the default), the browser's speech APIs stand in: the API says
 * so, and the speech endpoints answer 503 with a message saying what to do instead.
 */
@DatabaseTest
class SpeechWithoutServerIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void theBrowserStandsInAndTheEndpointsSaySoWith503() {
		Api api = Api.newCandidate(this.client);
		JsonNode speech = api.getJson("/api/speech");
		assertThat(speech.get("transcription").asString()).isEqualTo("browser");
		assertThat(speech.get("synthesis").asString()).isEqualTo("browser");
		assertThat(speech.get("maxUploadBytes").asLong()).isEqualTo(10 * 1024 * 1024);
		assertThat(speech.get("maxDurationSeconds").asInt()).isEqualTo(300);

		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(FakeAudioServer.webm(100))).contentType(MediaType.parseMediaType("audio/webm"));
		form.part("language", "en");
		api.post("/api/speech/transcriptions")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No server for speech recognition is configured: the page uses the browser's own, or type the answer.");
		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "What is the heap?", "language", "en"))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
	}

	@Test
	void theSpeechApiNeedsASignedInUser() {
		this.client.get().uri("/api/speech").exchange().expectStatus().isUnauthorized();
	}

}
