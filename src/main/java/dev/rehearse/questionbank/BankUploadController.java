package dev.rehearse.questionbank;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.account.AccountUser;
import dev.rehearse.questionbank.BankUploads.Upload;
import dev.rehearse.system.ApiProblem;
import dev.rehearse.system.DataBuffers;
import dev.rehearse.system.UserLanguage;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Uploading, replacing and deleting the caller's own banks. A bank comes as a multipart
 * {@code file} (or a {@code text} field), as JSON {@code {text, fileName}}, or as the plain-text
 * body; {@code ?dryRun=true} answers with the preview and saves nothing. See {@code docs/api.md}.
 */
@RestController
@Tag(name = "Banks")
class BankUploadController {

	/** Room for multipart boundaries, headers and JSON quoting around the bank's own bytes. */
	private static final long OVERHEAD = 64 * 1024;

	private final BankUploads uploads;

	private final JsonMapper json;

	BankUploadController(BankUploads uploads, JsonMapper json) {
		this.uploads = uploads;
		this.json = json;
	}

	@PostMapping("/api/banks")
	@Operation(summary = "Upload a bank of your own",
			description = "multipart file (.md or .txt) or text, JSON {text, fileName}, or a text/plain body. "
					+ "dryRun=true: 200 with the preview (categories, questions, key-point titles, warnings and "
					+ "errors with their lines), nothing saved. Otherwise 201 with the saved bank's preview; 400 with "
					+ "errors [{line, message}] when it cannot be read, 413 too large or too many questions, 409 when "
					+ "you already have a bank with its id.")
	Mono<ResponseEntity<BankPreview>> upload(@AuthenticationPrincipal AccountUser user,
			@RequestParam(defaultValue = "false") boolean dryRun, ServerWebExchange exchange) {
		Locale language = UserLanguage.ofRequest(exchange);
		return read(exchange).flatMap((upload) -> dryRun
				? this.uploads.preview(user.id(), upload, null, language).map(ResponseEntity::ok)
				: this.uploads.create(user.id(), upload, language)
					.map((saved) -> ResponseEntity.created(URI.create("/api/banks/" + saved.bankId())).body(saved)));
	}

	@PutMapping("/api/banks/{bankId}")
	@Operation(summary = "Upload a new version of your bank",
			description = "As POST /api/banks, for a bank of yours: questions it keeps keep their ids, questions "
					+ "it no longer has are retired. dryRun=true previews. 404 for any bank not yours.")
	Mono<ResponseEntity<BankPreview>> replace(@AuthenticationPrincipal AccountUser user, @PathVariable String bankId,
			@RequestParam(defaultValue = "false") boolean dryRun, ServerWebExchange exchange) {
		Locale language = UserLanguage.ofRequest(exchange);
		if (dryRun) {
			return read(exchange).flatMap((upload) -> this.uploads.replaceable(user.id(), bankId)
				.flatMap((ok) -> this.uploads.preview(user.id(), upload, bankId, language))
				.map(ResponseEntity::ok));
		}
		return read(exchange).flatMap((upload) -> this.uploads.replace(user.id(), bankId, upload, language))
			.map(ResponseEntity::ok);
	}

	@DeleteMapping("/api/banks/{bankId}")
	@Operation(summary = "Delete your bank",
			description = "204. Past interviews on it keep their questions and verdicts. 403 for a shared bank, "
					+ "404 for any bank not yours.")
	Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal AccountUser user, @PathVariable String bankId) {
		return this.uploads.delete(user.id(), bankId).thenReturn(ResponseEntity.noContent().<Void>build());
	}

	/** The upload, from whichever of the three ways it came; 413 past the size limit however it is sent. */
	private Mono<Upload> read(ServerWebExchange exchange) {
		long limit = this.uploads.maxBytes();
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > limit + OVERHEAD) {
			return Mono.error(tooLarge());
		}
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
			return exchange.getMultipartData()
				.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
				.onErrorMap((ex) -> !(ex instanceof ApiProblem), (ex) -> ApiProblem.invalid("body", "bank.multipart-malformed"))
				.flatMap((parts) -> fromParts(parts, limit));
		}
		Mono<byte[]> body = bytes(exchange.getRequest().getBody(), (int) Math.min(limit + OVERHEAD, Integer.MAX_VALUE));
		if (type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			return body.map(this::fromJson).flatMap((upload) -> checked(upload, limit));
		}
		String fileName = exchange.getRequest().getQueryParams().getFirst("fileName");
		return body.flatMap((bytes) -> checked(new Upload(blankToNull(fileName), bytes), limit));
	}

	private Mono<Upload> fromParts(MultiValueMap<String, Part> parts, long limit) {
		Part file = parts.getFirst("file");
		if (file instanceof FilePart filePart) {
			return bytes(filePart.content(), (int) Math.min(limit, Integer.MAX_VALUE))
				.flatMap((bytes) -> checked(new Upload(blankToNull(filePart.filename()), bytes), limit));
		}
		Part text = parts.getFirst("text");
		if (text instanceof FormFieldPart field) {
			Part name = parts.getFirst("fileName");
			String fileName = (name instanceof FormFieldPart nameField) ? blankToNull(nameField.value()) : null;
			return checked(new Upload(fileName, field.value().getBytes(StandardCharsets.UTF_8)), limit);
		}
		return Mono.error(ApiProblem.invalid("file", "validation.required"));
	}

	private Upload fromJson(byte[] body) {
		JsonNode node;
		try {
			node = this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw ApiProblem.invalid("body", "validation.json");
		}
		JsonNode text = node.get("text");
		if (text == null || !text.isString()) {
			throw ApiProblem.invalid("text", "validation.required");
		}
		JsonNode name = node.get("fileName");
		String fileName = (name != null && name.isString()) ? blankToNull(name.asString()) : null;
		return new Upload(fileName, text.asString().getBytes(StandardCharsets.UTF_8));
	}

	private Mono<Upload> checked(Upload upload, long limit) {
		if (upload.bytes().length > limit) {
			return Mono.error(tooLarge());
		}
		if (new String(upload.bytes(), StandardCharsets.UTF_8).isBlank()) {
			return Mono.error(ApiProblem.invalid((upload.fileName() != null) ? "file" : "text", "validation.not-empty"));
		}
		if (upload.fileName() != null && upload.fileName().length() > 200) {
			return Mono.error(ApiProblem.invalid("fileName", "validation.too-long", 200));
		}
		return Mono.just(upload);
	}

	private static Mono<byte[]> bytes(reactor.core.publisher.Flux<DataBuffer> content, int limit) {
		return DataBufferUtils.join(content, limit)
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLargeStatic(limit))
			.map(DataBuffers::toBytes)
			.defaultIfEmpty(new byte[0]);
	}

	private ApiProblem tooLarge() {
		return tooLargeStatic(this.uploads.maxBytes());
	}

	private static ApiProblem tooLargeStatic(long limit) {
		return ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "bank.too-large", Math.max(1, limit / 1024));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
