package dev.rehearse.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.rehearse.account.AccountUser;
import dev.rehearse.system.ApiProblem;
import dev.rehearse.system.DataBuffers;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The speech API: what is in use, the user's recordings setting, transcription of a recorded answer,
 * synthesis of a text, and a kept recording played back. See {@code docs/api.md}.
 */
@RestController
@Tag(name = "Speech")
class SpeechController {

	private static final Logger logger = LoggerFactory.getLogger(SpeechController.class);

	/** ISO 639 language, optionally with a region or script ({@code zh}, {@code en-US}, {@code zh-Hans}). */
	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*");

	/** Room for the multipart boundaries and the small fields beside the file. */
	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	private final Transcriber transcriber;

	private final Synthesizer synthesizer;

	private final Recordings recordings;

	private final SpeechProperties properties;

	private final PerMinuteLimit transcriptions;

	SpeechController(Transcriber transcriber, Synthesizer synthesizer, Recordings recordings,
			SpeechProperties properties) {
		this.transcriber = transcriber;
		this.synthesizer = synthesizer;
		this.recordings = recordings;
		this.properties = properties;
		this.transcriptions = new PerMinuteLimit(properties.transcriptionsPerMinute());
	}

	@GetMapping("/api/speech")
	@Operation(summary = "What speech is in use",
			description = "server or browser for transcription and synthesis, the upload limits, and the user's "
					+ "keepRecordings setting.")
	Mono<SpeechView> speech(@AuthenticationPrincipal AccountUser user) {
		return this.recordings.keepRecordings(user.id())
			.map((keep) -> new SpeechView(this.transcriber.available() ? "server" : "browser",
					this.synthesizer.available() ? "server" : "browser", this.properties.maxUploadBytes().toBytes(),
					this.properties.maxDurationSeconds(), keep));
	}

	@PutMapping("/api/speech/settings")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Keep my recordings (or not)", description = "204. Off by default.")
	Mono<Void> settings(@AuthenticationPrincipal AccountUser user, @RequestBody SettingsRequest request) {
		if (request.keepRecordings() == null) {
			throw ApiProblem.invalid("keepRecordings", "validation.required");
		}
		return this.recordings.setKeepRecordings(user.id(), request.keepRecordings());
	}

	@PostMapping("/api/speech/transcriptions")
	@Operation(summary = "Transcribe a recorded answer",
			description = "multipart: file (webm, ogg, wav, mp3, m4a), language, optional interviewId + turnId "
					+ "(the recording is kept with that turn when the user keeps recordings). 413 over the size or "
					+ "duration limit, 415 unsupported type, 429 too many, 502 speech server refused or unreachable, "
					+ "503 not configured or busy (Retry-After), 504 too slow.")
	Mono<Transcript> transcribe(@AuthenticationPrincipal AccountUser user, ServerWebExchange exchange) {
		if (!this.transcriber.available()) {
			return Mono.error(Transcriber.notConfigured());
		}
		long limit = this.properties.maxUploadBytes().toBytes();
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > limit + MULTIPART_OVERHEAD) {
			return Mono.error(tooLarge());
		}
		MediaType contentType = exchange.getRequest().getHeaders().getContentType();
		if (contentType == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)) {
			return Mono.error(ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "speech.multipart-only"));
		}
		Optional<Duration> wait = this.transcriptions.take(user.id());
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			ApiProblem problem = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "speech.transcription.rate-limited",
					this.properties.transcriptionsPerMinute(), seconds);
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			return Mono.error(problem);
		}
		return exchange.getMultipartData()
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.onErrorMap((ex) -> !(ex instanceof ApiProblem), (ex) -> ApiProblem.invalid("body", "speech.multipart-malformed"))
			.flatMap((parts) -> upload(parts, limit))
			.flatMap((upload) -> this.transcriber
				.transcribe(upload.audio(), upload.format(), upload.language(),
						(upload.format() == AudioFormat.WAV) ? AudioFormat.wavSeconds(upload.audio()).orElse(null) : null)
				.flatMap((transcript) -> keep(user.id(), upload).thenReturn(transcript)));
	}

	@GetMapping("/api/interviews/{interviewId}/turns/{turnId}/recording")
	@Operation(summary = "Play back a kept recording",
			description = "The audio with its content type (byte ranges supported); 404 when none is kept or the "
					+ "interview is not yours.")
	Mono<ResponseEntity<Resource>> recording(@AuthenticationPrincipal AccountUser user, @PathVariable UUID interviewId,
			@PathVariable UUID turnId) {
		return this.recordings.find(user.id(), interviewId, turnId)
			.map((recording) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(recording.contentType()))
				.cacheControl(CacheControl.noStore().cachePrivate())
				.body((Resource) new ByteArrayResource(recording.audio())))
			.switchIfEmpty(Mono.error(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "speech.recording-not-found")));
	}

	@PostMapping("/api/speech/synthesis")
	@Operation(summary = "Speak a text",
			description = "{text, language} → audio (audio/mpeg or the configured format). 400 empty or too long, "
					+ "429 too many (Retry-After), 502/503/504 as for transcription.")
	Mono<ResponseEntity<byte[]>> synthesize(@AuthenticationPrincipal AccountUser user,
			@RequestBody SynthesisRequest request) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>();
		String text = (request.text() != null) ? request.text().strip() : "";
		if (text.isEmpty()) {
			errors.add(new ApiProblem.FieldMessage("text", "validation.not-empty"));
		}
		int maxChars = this.properties.synthesis().maxChars();
		if (text.codePointCount(0, text.length()) > maxChars) {
			errors.add(new ApiProblem.FieldMessage("text", "validation.too-long", maxChars));
		}
		String language = language(request.language(), errors);
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		return this.synthesizer.speak(user.id(), text, language)
			.map((audio) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(audio.mediaType()))
				.contentLength(audio.audio().length)
				.body(audio.audio()));
	}

	/** The upload read and checked: its form fields, then the file within the size limit. */
	private Mono<Upload> upload(MultiValueMap<String, Part> parts, long limit) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>();
		Part file = parts.getFirst("file");
		if (file == null || file instanceof FormFieldPart) {
			errors.add(new ApiProblem.FieldMessage("file", "validation.required"));
		}
		String language = language(field(parts, "language"), errors);
		UUID interviewId = uuid(parts, "interviewId", errors);
		UUID turnId = uuid(parts, "turnId", errors);
		if ((interviewId == null) != (turnId == null) && errors.isEmpty()) {
			errors.add(new ApiProblem.FieldMessage((interviewId == null) ? "interviewId" : "turnId",
					"validation.required"));
		}
		if (!errors.isEmpty()) {
			return Mono.error(ApiProblem.invalid(errors));
		}
		MediaType declared = file.headers().getContentType();
		Optional<AudioFormat> format = AudioFormat.declared(declared);
		boolean unlabelled = declared == null || MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(declared);
		if (format.isEmpty() && !unlabelled) {
			return Mono.error(unsupported());
		}
		return DataBufferUtils.join(file.content(), (int) Math.min(limit, Integer.MAX_VALUE - 8))
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.map(DataBuffers::toBytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((audio) -> {
				if (audio.length == 0) {
					return Mono.error(ApiProblem.invalid("file", "validation.not-empty"));
				}
				// an unlabelled file is taken for what its first bytes say it is
				Optional<AudioFormat> actual = format.isPresent() ? format.filter((f) -> f.matches(audio))
						: java.util.Arrays.stream(AudioFormat.values()).filter((f) -> f.matches(audio)).findFirst();
				if (actual.isEmpty()) {
					return Mono.error(unsupported());
				}
				Optional<Double> seconds = (actual.get() == AudioFormat.WAV) ? AudioFormat.wavSeconds(audio)
						: Optional.empty();
				if (seconds.isPresent() && seconds.get() > this.properties.maxDurationSeconds()) {
					return Mono.error(ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "speech.too-long",
							this.properties.maxDurationSeconds()));
				}
				return Mono.just(new Upload(audio, actual.get(), language, interviewId, turnId));
			});
	}

	/** Keeps the recording with its turn when asked to and allowed; a failure to keep it fails nothing else. */
	private Mono<Void> keep(long userId, Upload upload) {
		if (upload.interviewId() == null) {
			return Mono.empty();
		}
		if (upload.audio().length > this.properties.maxRecordingBytes().toBytes()) {
			logger.info("Recording of turn {} not kept: {} bytes is over the limit", upload.turnId(),
					upload.audio().length);
			return Mono.empty();
		}
		return this.recordings
			.keep(userId, upload.interviewId(), upload.turnId(), upload.format().mediaType(), upload.audio())
			.onErrorResume((ex) -> {
				logger.warn("Recording of turn {} not kept: {}", upload.turnId(), ex.toString());
				return Mono.just(false);
			})
			.then();
	}

	private ApiProblem tooLarge() {
		return ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "speech.upload-too-large",
				this.properties.maxUploadBytes().toKilobytes());
	}

	private static ApiProblem unsupported() {
		return ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "speech.unsupported-type");
	}

	/** The language's primary subtag, lower case ({@code zh-CN} → {@code zh}); null when none was given. */
	private static String language(String value, List<ApiProblem.FieldMessage> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!LANGUAGE.matcher(value.strip()).matches()) {
			errors.add(new ApiProblem.FieldMessage("language", "speech.language"));
			return null;
		}
		return value.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
	}

	private static String field(MultiValueMap<String, Part> parts, String name) {
		return (parts.getFirst(name) instanceof FormFieldPart field) ? field.value() : null;
	}

	private static UUID uuid(MultiValueMap<String, Part> parts, String name, List<ApiProblem.FieldMessage> errors) {
		String value = field(parts, name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new ApiProblem.FieldMessage(name, "validation.type.uuid"));
			return null;
		}
	}

	/**
	 * What is in use.
	 *
	 * @param transcription {@code server} or {@code browser}
	 * @param synthesis {@code server} or {@code browser}
	 * @param maxUploadBytes largest recording accepted
	 * @param maxDurationSeconds longest recording accepted
	 * @param keepRecordings whether the user keeps the recordings of voice answers
	 */
	record SpeechView(String transcription, String synthesis, long maxUploadBytes, int maxDurationSeconds,
			boolean keepRecordings) {
	}

	/**
	 * The user's speech settings.
	 *
	 * @param keepRecordings keep the recordings of voice answers with them
	 */
	record SettingsRequest(Boolean keepRecordings) {
	}

	/**
	 * A text to speak.
	 *
	 * @param text what to say
	 * @param language its language ({@code zh}, {@code en}), choosing the voice
	 */
	record SynthesisRequest(String text, String language) {
	}

	/** A checked upload. */
	private record Upload(byte[] audio, AudioFormat format, String language, UUID interviewId, UUID turnId) {
	}

}
