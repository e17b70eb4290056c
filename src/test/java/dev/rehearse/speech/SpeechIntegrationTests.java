package dev.rehearse.speech;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeAudioServer;
import dev.rehearse.testsupport.FakeAudioServer.Reply;
import dev.rehearse.testsupport.FakeAudioServer.Segment;
import dev.rehearse.testsupport.FakeAudioServer.Style;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side speech over real HTTP, against a fake OpenAI-compatible audio server reached through
 * Spring AI's transcription and speech models: transcripts with their timing, the limits, every
 * failure of the speech server, synthesis with its cache and rate limit, and kept recordings.
 */
@DatabaseTest
class SpeechIntegrationTests {

	static final FakeAudioServer audio = FakeAudioServer.start();

	@DynamicPropertySource
	static void speechTalksToTheFakeServer(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.model.audio.transcription", () -> "openai");
		registry.add("spring.ai.model.audio.speech", () -> "openai");
		// Spring AI's own properties, as its documentation names them (options.model is its older name)
		registry.add("spring.ai.openai.audio.transcription.base-url", audio::baseUrl);
		registry.add("spring.ai.openai.audio.transcription.api-key", () -> "stt-key");
		registry.add("spring.ai.openai.audio.transcription.options.model", () -> "whisper-large-v3");
		registry.add("spring.ai.openai.audio.speech.base-url", audio::baseUrl);
		registry.add("spring.ai.openai.audio.speech.api-key", () -> "tts-key");
		registry.add("spring.ai.openai.audio.speech.model", () -> "kokoro");
		registry.add("spring.ai.openai.audio.speech.voice", () -> "af_heart");
		registry.add("rehearse.speech.synthesis.voices.zh", () -> "zf_xiaobei");
		registry.add("rehearse.speech.max-upload-bytes", () -> "300KB");
		registry.add("rehearse.speech.max-duration-seconds", () -> "5");
		// generous: the SDK's first error of a kind costs seconds of class loading on a busy machine
		registry.add("rehearse.speech.transcription-timeout", () -> "10s");
		registry.add("rehearse.speech.synthesis-timeout", () -> "10s");
		registry.add("rehearse.speech.retry.backoff", () -> "20ms");
		registry.add("rehearse.speech.retry.max-backoff", () -> "1s");
		registry.add("rehearse.speech.synthesis.per-minute", () -> "3");
		registry.add("rehearse.speech.transcriptions-per-minute", () -> "0");
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@AfterAll
	static void stop() {
		audio.close();
	}

	@BeforeEach
	void resetTheServer() {
		audio.reset();
	}

	@Test
	void saysServerSpeechIsInUseWithTheLimitsAndTheUsersSetting() {
		Api api = Api.newCandidate(this.client);
		JsonNode speech = api.getJson("/api/speech");
		assertThat(speech.get("transcription").asString()).isEqualTo("server");
		assertThat(speech.get("synthesis").asString()).isEqualTo("server");
		assertThat(speech.get("maxUploadBytes").asLong()).isEqualTo(300 * 1024);
		assertThat(speech.get("maxDurationSeconds").asInt()).isEqualTo(5);
		assertThat(speech.get("keepRecordings").asBoolean()).isFalse();

		keepRecordings(api, true);
		assertThat(api.getJson("/api/speech").get("keepRecordings").asBoolean()).isTrue();
		assertThat(Api.newCandidate(this.client).getJson("/api/speech").get("keepRecordings").asBoolean())
			.as("the setting is each user's own")
			.isFalse();
		keepRecordings(api, false);
		assertThat(api.getJson("/api/speech").get("keepRecordings").asBoolean()).isFalse();

		api.put("/api/speech/settings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("keepRecordings");
	}

	@Test
	void transcribesARecordingWithItsSegmentsSpeechTimeAndPauses() {
		audio.enqueueTranscriptions(Reply.transcript("The heap holds objects. Um, and the stack holds frames.",
				new Segment(0.4, 2.0, " The heap holds objects."), new Segment(4.5, 5.0, " Um,"),
				new Segment(5.3, 7.1, " and the stack holds frames."))
			.duration(4.2));
		Api api = Api.newCandidate(this.client);
		JsonNode transcript = transcribe(api, FakeAudioServer.webm(2048), "audio/webm;codecs=opus", "en", null);

		assertThat(transcript.get("text").asString()).isEqualTo("The heap holds objects. Um, and the stack holds frames.");
		assertThat(transcript.get("language").asString()).isEqualTo("en");
		assertThat(transcript.get("durationSeconds").asDouble()).isEqualTo(4.2);
		// 1.6 + 0.5 + 1.8 seconds of speech; one gap of 2.5 s (a long pause) and one of 0.3 s
		assertThat(transcript.get("speechSeconds").asDouble()).isEqualTo(3.9);
		assertThat(transcript.get("pauseCount").asInt()).isEqualTo(1);
		assertThat(transcript.get("longestPauseSeconds").asDouble()).isEqualTo(2.5);
		assertThat(transcript.get("segments")).hasSize(3);
		assertThat(transcript.get("segments").get(0).get("start").asDouble()).isEqualTo(0.4);
		assertThat(transcript.get("segments").get(0).get("end").asDouble()).isEqualTo(2.0);
		assertThat(transcript.get("segments").get(0).get("text").asString()).isEqualTo("The heap holds objects.");

		FakeAudioServer.Recorded request = audio.requests().get(0);
		assertThat(request.fields()).containsEntry("model", "whisper-large-v3")
			.containsEntry("language", "en")
			.containsEntry("response_format", "verbose_json");
		assertThat(request.fileName()).as("servers tell the format by the extension").isEqualTo("answer.webm");
		assertThat(request.file()).isEqualTo(FakeAudioServer.webm(2048));
	}

	@Test
	void readsFasterWhispersVerboseJsonAndAPlainJsonTranscript() {
		audio.enqueueTranscriptions(
				Reply.transcript("堆存放对象，栈存放栈帧。", new Segment(0.0, 1.5, "堆存放对象，"), new Segment(1.6, 3.0, "栈存放栈帧。"))
					.style(Style.FASTER_WHISPER),
				Reply.transcript("Only text here.").style(Style.TEXT_ONLY));
		Api api = Api.newCandidate(this.client);
		JsonNode chinese = transcribe(api, FakeAudioServer.wav(3.0), "audio/wav", "zh-CN", null);
		assertThat(chinese.get("text").asString()).isEqualTo("堆存放对象，栈存放栈帧。");
		assertThat(chinese.get("language").asString()).isEqualTo("zh");
		assertThat(chinese.get("speechSeconds").asDouble()).isEqualTo(2.9);
		assertThat(chinese.get("pauseCount").asInt()).isZero();
		assertThat(audio.requests().get(0).fields()).containsEntry("language", "zh");
		assertThat(audio.requests().get(0).fileName()).isEqualTo("answer.wav");

		JsonNode plain = transcribe(api, FakeAudioServer.wav(3.0), "audio/x-wav", "en", null);
		assertThat(plain.get("text").asString()).isEqualTo("Only text here.");
		assertThat(plain.get("durationSeconds").asDouble()).as("from the WAV header").isEqualTo(3.0);
		assertThat(plain.get("segments")).isEmpty();
		assertThat(plain.get("speechSeconds").isNull()).isTrue();
		assertThat(plain.get("pauseCount").isNull()).isTrue();
		assertThat(plain.get("longestPauseSeconds").isNull()).isTrue();
	}

	@Test
	void refusesRecordingsOverTheLimitsOrNotAudioBeforeCallingTheServer() {
		Api api = Api.newCandidate(this.client);
		upload(api, FakeAudioServer.webm(400 * 1024), "audio/webm", "en", null).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The recording is larger than the 300 KB the server accepts.");
		upload(api, FakeAudioServer.wav(6), "audio/wav", "en", null).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The recording is longer than the 5 seconds the server accepts.");
		upload(api, "just text".getBytes(), "text/plain", "en", null).expectStatus().isEqualTo(415);
		// declared WebM but is not
		upload(api, FakeAudioServer.wav(1), "audio/webm", "en", null).expectStatus().isEqualTo(415);
		upload(api, FakeAudioServer.webm(100), "audio/webm", "english!", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("language");
		api.post("/api/speech/transcriptions")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData("language", "en"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("file");
		api.post("/api/speech/transcriptions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("file", "x"))
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		assertThat(audio.requestCount()).as("nothing reached the speech server").isZero();
	}

	@Test
	void aRecordingTheServerSaysIsTooLongIs413() {
		audio.enqueueTranscriptions(Reply.transcript("a long ramble").duration(12.0));
		upload(Api.newCandidate(this.client), FakeAudioServer.webm(1000), "audio/webm", "en", null).expectStatus()
			.isEqualTo(413);
	}

	@Test
	void retriesAServerErrorThenAnswers() {
		audio.enqueueTranscriptions(Reply.status(500), Reply.rateLimited("0"), Reply.transcript("Third time lucky."));
		JsonNode transcript = transcribe(Api.newCandidate(this.client), FakeAudioServer.webm(500), "audio/webm", "en",
				null);
		assertThat(transcript.get("text").asString()).isEqualTo("Third time lucky.");
		assertThat(audio.requestCount()).isEqualTo(3);
	}

	@Test
	void aServerThatKeepsFailingIs503AfterBoundedRetries() {
		audio.defaultTranscription(Reply.status(503));
		upload(Api.newCandidate(this.client), FakeAudioServer.webm(500), "audio/webm", "en", null).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The speech recognition server is busy (HTTP 503). Try again shortly, or type the answer.");
		assertThat(audio.requestCount()).as("max-attempts").isEqualTo(3);
	}

	@Test
	void aServerAskingToWaitLongerThanACandidateShouldIs503WithItsRetryAfter() {
		audio.enqueueTranscriptions(Reply.rateLimited("30"));
		upload(Api.newCandidate(this.client), FakeAudioServer.webm(500), "audio/webm", "en", null).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "30");
		assertThat(audio.requestCount()).as("no retry against the server's wish").isEqualTo(1);
	}

	@Test
	void aStalledServerIs504AndARefusalOrAHangUpIs502() {
		Api api = Api.newCandidate(this.client);
		audio.enqueueTranscriptions(Reply.transcript("late").delayed(Duration.ofSeconds(12)));
		upload(api, FakeAudioServer.webm(500), "audio/webm", "en", null).expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Gateway timeout");
		audio.enqueueTranscriptions(Reply.status(401));
		upload(api, FakeAudioServer.webm(500), "audio/webm", "en", null).expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The speech recognition server refused the request (HTTP 401). Keep the recording and try "
					+ "again, or type the answer.");
		// OkHttp tries a dropped connection again by itself: every attempt hangs up
		audio.defaultTranscription(Reply.disconnect());
		this.client.mutate()
			.build()
			.post()
			.uri("/api/speech/transcriptions")
			.headers((h) -> h.setBasicAuth(api.username(), api.password()))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form(FakeAudioServer.webm(500), "audio/webm", "en", null)))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("无法连接语音识别服务器。录音已保留，可以重试，或直接输入回答。");
	}

	@Test
	void speaksATextInTheLanguagesVoiceAndServesRepeatsFromTheCache() {
		Api api = Api.newCandidate(this.client);
		byte[] first = synthesize(api, "What is the heap?", "en");
		assertThat(first).isEqualTo(FakeAudioServer.mp3(4));
		byte[] again = synthesize(api, "What is the heap?", "en");
		assertThat(again).isEqualTo(first);
		assertThat(audio.requestCount()).as("examiner questions repeat: the second is cached").isEqualTo(1);
		assertThat(audio.requests().get(0).fields()).containsEntry("model", "kokoro")
			.containsEntry("voice", "af_heart")
			.containsEntry("input", "What is the heap?")
			.containsEntry("response_format", "mp3");

		synthesize(api, "什么是堆？", "zh");
		assertThat(audio.requests().get(1).fields()).as("a voice that speaks Chinese").containsEntry("voice", "zf_xiaobei");
	}

	@Test
	void synthesisIsLimitedPerUserAndInLength() {
		Api api = Api.newCandidate(this.client);
		for (int i = 1; i <= 3; i++) {
			synthesize(api, "Question number " + i, "en");
		}
		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Question number 4", "language", "en"))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		assertThat(synthesize(api, "Question number 1", "en")).as("a cached text costs nothing").isNotEmpty();
		synthesize(Api.newCandidate(this.client), "Question number 5", "en");

		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "x".repeat(401), "language", "en"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("text");
		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "  ", "language", "en"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void aFailingSpeechServerIsAProblemForSynthesisToo() {
		audio.defaultSpeech(Reply.status(500));
		Api api = Api.newCandidate(this.client);
		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Anything", "language", "en"))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The speech synthesis server is busy (HTTP 500). Try again shortly, or type the answer.");
		audio.defaultSpeech(Reply.audio().delayed(Duration.ofSeconds(12)));
		api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Anything else", "language", "en"))
			.exchange()
			.expectStatus()
			.isEqualTo(504);
	}

	@Test
	void keepsTheLastRecordingOfATurnForItsOwnerOnly() {
		Api ann = Api.newCandidate(this.client);
		JsonNode interview = ann.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		String interviewId = interview.get("id").asString();
		String turnId = interview.get("currentTurn").get("id").asString();

		transcribe(ann, FakeAudioServer.webm(600), "audio/webm", "en", List.of(interviewId, turnId));
		// not kept unless the user chose to
		recording(ann, interviewId, turnId).expectStatus().isNotFound();

		keepRecordings(ann, true);
		transcribe(ann, FakeAudioServer.webm(700), "audio/webm;codecs=opus", "en", List.of(interviewId, turnId));
		byte[] retake = FakeAudioServer.wav(1.0);
		transcribe(ann, retake, "audio/wav", "en", List.of(interviewId, turnId));
		recording(ann, interviewId, turnId).expectStatus()
			.isOk()
			.expectHeader()
			.contentType("audio/wav")
			.expectBody(byte[].class)
			.isEqualTo(retake);

		// the player seeks with byte ranges
		ann.get("/api/interviews/{id}/turns/{turn}/recording", interviewId, turnId)
			.header(HttpHeaders.RANGE, "bytes=0-11")
			.exchange()
			.expectStatus()
			.isEqualTo(206)
			.expectBody(byte[].class)
			.isEqualTo(java.util.Arrays.copyOf(retake, 12));

		Api bob = Api.newCandidate(this.client);
		recording(bob, interviewId, turnId).expectStatus().isNotFound();
		keepRecordings(bob, true);
		transcribe(bob, FakeAudioServer.webm(800), "audio/webm", "en", List.of(interviewId, turnId));
		// another user cannot put audio on Ann's turn
		recording(ann, interviewId, turnId).expectBody(byte[].class).isEqualTo(retake);

		ann.delete("/api/interviews/{id}", interviewId).exchange().expectStatus().isNoContent();
		recording(ann, interviewId, turnId).expectStatus().isNotFound();
		Long left = this.database.sql("select count(*) from turn_recording where turn_id = :turn::uuid")
			.bind("turn", turnId)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(left).as("deleted with the interview").isZero();
	}

	@Test
	void aVoiceAnswerCarriesItsSpeechTimeAndPausesIntoDelivery() {
		Api api = Api.newCandidate(this.client);
		JsonNode interview = api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		String id = interview.get("id").asString();
		String turnId = interview.get("currentTurn").get("id").asString();
		api.post("/api/interviews/{id}/turns/{turn}/answer", id, turnId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "The heap holds objects.", "inputMode", "voice", "durationSeconds", 3.9,
					"pauseCount", -1))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("pauseCount");

		List<Api.Event> events = api.answer(id, turnId, Map.of("text", "Um, the heap holds objects, the stack holds frames.",
				"inputMode", "voice", "durationSeconds", 3.9, "pauseCount", 1, "longestPauseSeconds", 2.5));
		JsonNode delivery = events.stream()
			.filter((event) -> "verdict".equals(event.name()))
			.findFirst()
			.orElseThrow()
			.data()
			.get("delivery");
		assertThat(delivery.get("pauseCount").asInt()).isEqualTo(1);
		assertThat(delivery.get("longestPauseSeconds").asDouble()).isEqualTo(2.5);
		// 9 words over 3.9 seconds of speech
		assertThat(delivery.get("perMinute").asDouble()).isEqualTo(138.5);
	}

	private void keepRecordings(Api api, boolean keep) {
		api.put("/api/speech/settings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("keepRecordings", keep))
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	private static WebTestClient.ResponseSpec recording(Api api, String interviewId, String turnId) {
		return api.get("/api/interviews/{id}/turns/{turn}/recording", interviewId, turnId).exchange();
	}

	private static byte[] synthesize(Api api, String text, String language) {
		return api.post("/api/speech/synthesis")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", text, "language", language))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("audio/mpeg")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
	}

	private static JsonNode transcribe(Api api, byte[] file, String type, String language, List<String> turn) {
		byte[] body = upload(api, file, type, language, turn).expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return Api.parse(body);
	}

	private static WebTestClient.ResponseSpec upload(Api api, byte[] file, String type, String language,
			List<String> turn) {
		return api.post("/api/speech/transcriptions")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form(file, type, language, turn)))
			.exchange();
	}

	private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> form(
			byte[] file, String type, String language, List<String> turn) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(file) {
			@Override
			public String getFilename() {
				return "answer.bin";
			}
		}).contentType(MediaType.parseMediaType(type));
		form.part("language", language);
		if (turn != null) {
			form.part("interviewId", turn.get(0));
			form.part("turnId", turn.get(1));
		}
		return form.build();
	}

}
