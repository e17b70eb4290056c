package dev.rehearse.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A stand-in for the speech API (issue 12's server side, built in parallel) while the branch does
 * not have it: GET /api/speech, the settings, a scripted transcription, a short WAV as the voice
 * and a kept recording. It switches itself off once the real {@code SpeechController} is on the
 * class path, so it can never shadow the real endpoints; the hands-free test then talks to the
 * real API and the fake audio server of the test support, and this class is to be deleted.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnMissingClass("dev.rehearse.speech.SpeechController")
class SpeechStub {

	static final double SPEECH_SECONDS = 4.2;

	record Upload(String type, int size, String language, String interviewId, String turnId) {
	}

	static final List<Upload> uploads = new CopyOnWriteArrayList<>();

	static final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

	static volatile boolean keep;

	@Bean
	RouterFunction<ServerResponse> speechStubRoutes() {
		return RouterFunctions.route()
			.GET("/api/speech", (request) -> ServerResponse.ok().bodyValue(Map.of("transcription", "server", "synthesis",
					"server", "maxUploadBytes", 10_000_000, "maxDurationSeconds", 300, "keepRecordings", keep)))
			.PUT("/api/speech/settings", (request) -> request.bodyToMono(Map.class).flatMap((body) -> {
				keep = Boolean.TRUE.equals(body.get("keepRecordings"));
				return ServerResponse.noContent().build();
			}))
			.GET("/api/interviews/{id}/turns/{turn}/recording", (request) -> ServerResponse.ok().contentType(MediaType.parseMediaType("audio/wav")).bodyValue(wav()))
			.POST("/api/speech/synthesis", (request) -> ServerResponse.ok().contentType(MediaType.parseMediaType("audio/wav")).bodyValue(wav()))
			.POST("/api/speech/transcriptions", (request) -> request.multipartData().flatMap((parts) -> {
				FilePart file = (FilePart) parts.getFirst("file");
				return DataBufferUtils.join(file.content()).flatMap((buffer) -> {
					int size = buffer.readableByteCount();
					DataBufferUtils.release(buffer);
					uploads.add(new Upload(String.valueOf(file.headers().getContentType()), size, field(parts.getFirst("language")),
							field(parts.getFirst("interviewId")), field(parts.getFirst("turnId"))));
					if (failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
						return ServerResponse.status(502).contentType(MediaType.APPLICATION_PROBLEM_JSON)
							.bodyValue(Map.of("title", "Bad Gateway", "status", 502, "detail", "The speech server did not answer."));
					}
					return ServerResponse.ok().bodyValue(Map.of("text", HandsFreeVoiceBrowserIntegrationTests.TRANSCRIPT,
							"language", "en", "durationSeconds", 9.0, "speechSeconds", SPEECH_SECONDS, "pauseCount", 1,
							"longestPauseSeconds", 1.2, "segments", List.of()));
				});
			}))
			.build();
	}

	private static String field(Part part) {
		return (part instanceof FormFieldPart field) ? field.value() : null;
	}

	private static byte[] wav() {
		int samples = 8000;
		ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
		wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
			.putShort((short) 2).putShort((short) 16);
		wav.put("data".getBytes()).putInt(samples * 2);
		return wav.array();
	}

}
