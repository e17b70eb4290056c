package dev.rehearse.speech;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import dev.rehearse.system.ApiProblem;

import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.audio.tts.TextToSpeechPrompt;
import org.springframework.ai.audio.tts.TextToSpeechResponse;
import org.springframework.ai.openai.OpenAiAudioSpeechModel;
import org.springframework.ai.openai.OpenAiAudioSpeechOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Speaks a text with Spring AI's text-to-speech model, when one is configured
 * ({@code spring.ai.model.audio.speech=openai}). Examiner questions repeat across candidates, so the
 * audio is cached by text, voice, model and format (bounded by bytes); what misses the cache counts
 * against the user's allowance per minute.
 */
class Synthesizer {

	/** Media types of the formats OpenAI-compatible speech servers write. */
	private static final Map<String, String> MEDIA_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/ogg", "aac",
			"audio/aac", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

	private final TextToSpeechModel model;

	private final SpeechCalls calls;

	private final SpeechProperties properties;

	private final PerMinuteLimit limit;

	private final Cache<Key, byte[]> cache;

	/** @param model the model, or null when none is configured */
	Synthesizer(TextToSpeechModel model, SpeechCalls calls, SpeechProperties properties) {
		this.model = model;
		this.calls = calls;
		this.properties = properties;
		this.limit = new PerMinuteLimit(properties.synthesis().perMinute());
		this.cache = Caffeine.newBuilder()
			.maximumWeight(properties.synthesis().cacheSize().toBytes())
			.<Key, byte[]>weigher((key, audio) -> audio.length + key.text().length() * 2)
			.build();
	}

	boolean available() {
		return this.model != null;
	}

	/**
	 * Spoken audio.
	 *
	 * @param mediaType its media type
	 * @param audio the audio file
	 */
	record Audio(String mediaType, byte[] audio) {
	}

	/** The text spoken in the voice for {@code language} (null: the configured voice). */
	Mono<Audio> speak(long userId, String text, String language) {
		if (this.model == null) {
			return Mono.error(ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "speech.not-configured",
					ApiProblem.message("speech.kind.synthesis")));
		}
		OpenAiAudioSpeechOptions options = options(language);
		String format = (options != null) ? options.getResponseFormat() : "mp3";
		String mediaType = MEDIA_TYPES.getOrDefault(String.valueOf(format).toLowerCase(Locale.ROOT), "audio/mpeg");
		Key key = new Key(text, (options != null) ? options.getVoice() : null,
				(options != null) ? options.getModel() : null, format);
		byte[] cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return Mono.just(new Audio(mediaType, cached));
		}
		Optional<Duration> wait = this.limit.take(userId);
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			ApiProblem problem = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "speech.synthesis.rate-limited",
					this.properties.synthesis().perMinute(), seconds);
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			return Mono.error(problem);
		}
		TextToSpeechPrompt prompt = new TextToSpeechPrompt(text, options);
		return this.calls.call("synthesis", this.properties.synthesisTimeout(), () -> this.model.call(prompt))
			.map(Synthesizer::audio)
			.map((audio) -> {
				this.cache.put(key, audio);
				return new Audio(mediaType, audio);
			});
	}

	private static byte[] audio(TextToSpeechResponse response) {
		byte[] audio = (response.getResult() != null) ? response.getResult().getOutput() : null;
		if (audio == null || audio.length == 0) {
			throw ApiProblem.of(HttpStatus.BAD_GATEWAY, "speech.empty", ApiProblem.message("speech.kind.synthesis"));
		}
		return audio;
	}

	/** The configured options with the language's voice and this call's timeout, copied whole. */
	private OpenAiAudioSpeechOptions options(String language) {
		if (!(this.model instanceof OpenAiAudioSpeechModel openAi)) {
			return null;
		}
		OpenAiAudioSpeechOptions configured = openAi.getOptions();
		String voice = (language != null) ? this.properties.synthesis().voices().get(language) : null;
		return OpenAiAudioSpeechOptions.builder()
			.from(configured)
			.voice((voice != null) ? voice : configured.getVoice())
			.timeout(this.properties.synthesisTimeout())
			.build();
	}

	/** What makes two syntheses the same audio. */
	private record Key(String text, String voice, String model, String format) {
	}

}
