package dev.rehearse.tailoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.system.ApiProblem;
import dev.rehearse.system.DataBuffers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns a PDF resume into text for a tailored interview. Nothing is stored: the page puts the text
 * where the candidate can read and correct it, and sends it with the interview it begins.
 */
@RestController
@Tag(name = "Tailored interviews")
class ResumeController {

	/** Room for the multipart boundaries beside the file. */
	private static final long MULTIPART_OVERHEAD = 16 * 1024;

	private final TailoringProperties properties;

	private final ResumeReader reader;

	ResumeController(TailoringProperties properties) {
		this.properties = properties;
		this.reader = new ResumeReader(properties.pdf().maxPages(), properties.maxResumeChars());
	}

	@PostMapping("/api/resumes/text")
	@Operation(summary = "Read a PDF resume as text",
			description = "multipart: file (a PDF). 200 {text, pages, characters}; nothing is stored. 413 over the "
					+ "size, page or length limit, 415 not a PDF, 400 broken, password-protected or without text.")
	Mono<ResumeReader.ResumeText> text(ServerWebExchange exchange) {
		long limit = this.properties.pdf().maxBytes().toBytes();
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > limit + MULTIPART_OVERHEAD) {
			return Mono.error(tooLarge());
		}
		MediaType contentType = exchange.getRequest().getHeaders().getContentType();
		if (contentType == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)) {
			return Mono.error(ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "tailoring.resume.multipart-only"));
		}
		return exchange.getMultipartData()
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.onErrorMap((ex) -> !(ex instanceof ApiProblem), (ex) -> ApiProblem.invalid("body", "tailoring.resume.multipart"))
			.flatMap((parts) -> {
				Part file = parts.getFirst("file");
				if (file == null || file instanceof FormFieldPart) {
					return Mono.error(ApiProblem.invalid("file", "validation.required"));
				}
				return DataBufferUtils.join(file.content(), (int) Math.min(limit, Integer.MAX_VALUE - 8))
					.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
					.map(DataBuffers::toBytes)
					.defaultIfEmpty(new byte[0]);
			})
			.flatMap((pdf) -> (pdf.length == 0) ? Mono.error(ApiProblem.invalid("file", "validation.not-empty"))
					: Mono.fromCallable(() -> this.reader.read(pdf)).subscribeOn(Schedulers.boundedElastic()));
	}

	private ApiProblem tooLarge() {
		return ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "tailoring.resume.too-large",
				this.properties.pdf().maxBytes().toKilobytes());
	}

}
