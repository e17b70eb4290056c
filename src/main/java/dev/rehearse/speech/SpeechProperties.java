package dev.rehearse.speech;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and fault handling of server-side speech ({@code rehearse.speech.*}). Which speech server,
 * model and voice are used is Spring AI's configuration ({@code spring.ai.openai.audio.*}).
 *
 * @param maxUploadBytes largest audio upload accepted for transcription (413 past it)
 * @param maxDurationSeconds longest recording accepted (413 past it, as far as it can be told)
 * @param longPause a gap between two spoken segments at least this long counts as a pause
 * @param transcriptionTimeout longest wait for one transcription attempt (504 past it)
 * @param synthesisTimeout longest wait for one synthesis attempt (504 past it)
 * @param maxConcurrentCalls calls to the speech servers in flight at once, on their own threads
 * (Spring AI's audio models block while they wait); more wait in a queue
 * @param transcriptionsPerMinute transcriptions per user per minute (429 past it; 0 = no limit)
 * @param maxRecordingBytes largest recording kept with an answer; a larger one is transcribed but
 * not kept
 * @param retry retries of a speech server's 429 and 5xx answers
 * @param synthesis limits of speech synthesis
 */
@ConfigurationProperties("rehearse.speech")
record SpeechProperties(@DefaultValue("10MB") DataSize maxUploadBytes, @DefaultValue("300") int maxDurationSeconds,
		@DefaultValue("1s") Duration longPause, @DefaultValue("30s") Duration transcriptionTimeout,
		@DefaultValue("15s") Duration synthesisTimeout, @DefaultValue("100") int maxConcurrentCalls,
		@DefaultValue("20") int transcriptionsPerMinute, @DefaultValue("10MB") DataSize maxRecordingBytes,
		@DefaultValue Retry retry, @DefaultValue Synthesis synthesis) {

	/**
	 * Retries of a speech server that answered 429 or 5xx (never of a refusal, a dead server or a
	 * timeout, which would only make the candidate wait longer for the same answer).
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param backoff first wait, doubled each retry; a longer {@code Retry-After} wins
	 * @param maxBackoff longest single wait; a server asking for longer gets no retry and its
	 * {@code Retry-After} is passed on to the client with the 503
	 */
	record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("250ms") Duration backoff,
			@DefaultValue("2s") Duration maxBackoff) {
	}

	/**
	 * Limits of speech synthesis.
	 *
	 * @param maxChars longest text spoken, in characters (400 past it)
	 * @param perMinute syntheses per user per minute that miss the cache (429 past it; 0 = no limit)
	 * @param cacheSize audio kept in memory for repeated texts, in bytes
	 * @param voices a voice per language ({@code zh: zf_xiaobei}); a language not listed gets Spring
	 * AI's configured voice
	 */
	record Synthesis(@DefaultValue("400") int maxChars, @DefaultValue("30") int perMinute,
			@DefaultValue("32MB") DataSize cacheSize, Map<String, String> voices) {

		Synthesis {
			// blank entries come from unset environment variables (REHEARSE_TTS_VOICE_ZH=)
			voices = (voices != null) ? voices.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() != null && !entry.getValue().isBlank())
				.collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue))
					: Map.of();
		}

	}

}
