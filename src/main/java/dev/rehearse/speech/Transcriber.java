package dev.rehearse.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.openai.models.audio.transcriptions.TranscriptionSegment;
import reactor.core.publisher.Mono;

import dev.rehearse.system.ApiProblem;

import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;
import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.transcription.AudioTranscriptionResponse;
import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.ai.openai.OpenAiAudioTranscriptionModel;
import org.springframework.ai.openai.OpenAiAudioTranscriptionOptions;
import org.springframework.ai.openai.metadata.OpenAiAudioTranscriptionResponseMetadata;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;

/**
 * Turns a recording into a {@link Transcript} with Spring AI's transcription model, when one is
 * configured ({@code spring.ai.model.audio.transcription=openai}). The segments and the duration
 * come from the server's {@code verbose_json} answer, through Spring AI's response metadata.
 */
class Transcriber {

	/** How Whisper's {@code verbose_json} names the languages Rehearse's banks are in. */
	private static final Map<String, String> LANGUAGE_NAMES = Map.of("chinese", "zh", "english", "en");

	private final TranscriptionModel model;

	private final SpeechCalls calls;

	private final SpeechProperties properties;

	/** @param model the model, or null when none is configured */
	Transcriber(TranscriptionModel model, SpeechCalls calls, SpeechProperties properties) {
		this.model = model;
		this.calls = calls;
		this.properties = properties;
	}

	boolean available() {
		return this.model != null;
	}

	/**
	 * Transcribes the recording.
	 *
	 * @param language ISO 639-1 code of the language spoken, or null to let the server detect it
	 * @param knownSeconds how long the recording plays, if known before it is sent
	 */
	Mono<Transcript> transcribe(byte[] audio, AudioFormat format, String language, Double knownSeconds) {
		if (this.model == null) {
			return Mono.error(notConfigured());
		}
		ByteArrayResource resource = new ByteArrayResource(audio) {
			@Override
			public String getFilename() {
				// OpenAI-compatible servers tell the format by the file name's extension
				return "answer." + format.extension();
			}
		};
		AudioTranscriptionPrompt prompt = new AudioTranscriptionPrompt(resource, options(language));
		return this.calls.call("transcription", this.properties.transcriptionTimeout(), () -> this.model.call(prompt))
			.map((response) -> transcript(response, language, knownSeconds));
	}

	static ApiProblem notConfigured() {
		return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "speech.not-configured",
				ApiProblem.message("speech.kind.transcription"));
	}

	/**
	 * The configured options with this call's language and timeout: Spring AI merges a prompt's
	 * options over the model's by replacing the model name and format, so they are copied whole.
	 */
	private AudioTranscriptionOptions options(String language) {
		if (!(this.model instanceof OpenAiAudioTranscriptionModel openAi)) {
			return null;
		}
		return OpenAiAudioTranscriptionOptions.builder()
			.from(openAi.getOptions())
			.language((language != null) ? language : openAi.getOptions().getLanguage())
			.timeout(this.properties.transcriptionTimeout())
			.build();
	}

	private Transcript transcript(AudioTranscriptionResponse response, String language, Double knownSeconds) {
		String text = clean(response.getResult().getOutput());
		Double duration = knownSeconds;
		String spoken = language;
		List<Transcript.Segment> segments = new ArrayList<>();
		if (response.getMetadata() instanceof OpenAiAudioTranscriptionResponseMetadata metadata) {
			if (metadata.getDuration() != null && metadata.getDuration() > 0) {
				duration = metadata.getDuration();
			}
			if (spoken == null && metadata.getLanguage() != null) {
				String detected = metadata.getLanguage().toLowerCase(Locale.ROOT);
				spoken = LANGUAGE_NAMES.getOrDefault(detected, detected);
			}
			if (metadata.getSegments() != null) {
				for (Object segment : metadata.getSegments()) {
					if (segment instanceof TranscriptionSegment whisper) {
						segments.add(segment(whisper));
					}
				}
				segments.removeIf((segment) -> segment == null);
			}
		}
		if (duration != null && duration > this.properties.maxDurationSeconds()) {
			throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "speech.too-long", this.properties.maxDurationSeconds());
		}
		return Transcript.of(text, spoken, (duration != null) ? Math.round(duration * 100) / 100.0 : null, segments,
				this.properties.longPause());
	}

	/** A segment, or null when the server left out its times (the SDK reads fields lazily). */
	private static Transcript.Segment segment(TranscriptionSegment segment) {
		try {
			return new Transcript.Segment(segment.start(), segment.end(), clean(segment.text()));
		}
		catch (RuntimeException missingField) {
			return null;
		}
	}

	/** Text from the speech server goes on to pages and prompts: no control characters but line breaks. */
	static String clean(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints()
			.filter((c) -> (c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t')
			.filter((c) -> !Character.isSurrogate((char) c) || c > 0xFFFF)
			.forEach(out::appendCodePoint);
		return out.toString().strip();
	}

}
