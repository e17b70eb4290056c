package dev.rehearse.tailoring;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.rehearse.account.AccountUser;
import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The candidate's report of a bad generated question: kept with the interview for whoever tunes the prompts. */
@RestController
@Tag(name = "Tailored interviews")
class QuestionReportController {

	/** Longest reason kept, in characters. */
	static final int MAX_REASON_CHARS = 1000;

	private final TailoringStore store;

	QuestionReportController(TailoringStore store) {
		this.store = store;
	}

	@PostMapping("/api/interviews/{id}/questions/{questionId}/report")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Report a bad generated question",
			description = "Body {reason} (optional, at most 1000 characters). 204 stored (a second report replaces "
					+ "the first); 404 when the interview is not yours or the question is not one generated for it.")
	Mono<Void> report(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id, @PathVariable UUID questionId,
			@RequestBody(required = false) ReportRequest request) {
		String reason = (request != null && request.reason() != null) ? request.reason().strip() : "";
		if (reason.codePointCount(0, reason.length()) > MAX_REASON_CHARS) {
			return Mono.error(ApiProblem.invalid("reason", "validation.too-long", MAX_REASON_CHARS));
		}
		return this.store.report(user.id(), id, questionId, reason)
			.flatMap((stored) -> stored ? Mono.<Void>empty()
					: Mono.error(ApiProblem.of(HttpStatus.NOT_FOUND, "tailoring.question-not-found")));
	}

	/**
	 * A report.
	 *
	 * @param reason what is wrong with the question (optional)
	 */
	record ReportRequest(String reason) {
	}

}
