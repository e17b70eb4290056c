package dev.rehearse.interview;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.account.AccountUser;
import dev.rehearse.system.UserLanguage;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The interview API: begin, answer (a stream of server-sent events), re-grade, finish, and review.
 * See {@code docs/api.md}.
 */
@RestController
@Tag(name = "Interviews")
class InterviewController {

	private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

	private final Interviews interviews;

	private final MessageSource messages;

	InterviewController(Interviews interviews, MessageSource messages) {
		this.interviews = interviews;
		this.messages = messages;
	}

	@PostMapping("/api/interviews")
	@Operation(summary = "Begin an interview", description = "201 with the interview and its first question.")
	Mono<ResponseEntity<InterviewViews.InterviewView>> begin(@AuthenticationPrincipal AccountUser user,
			@RequestBody BeginRequest request) {
		return this.interviews.begin(user.id(), request)
			.map((view) -> ResponseEntity.created(URI.create("/api/interviews/" + view.id())).body(view));
	}

	@PostMapping(path = "/api/interviews/{id}/turns/{turnId}/answer", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Answer a question",
			description = "Events: saved (after the answer is committed), queued {position} while it waits for a "
					+ "grader, retrying…, feedback {delta}…, verdict, then question or finished; error {message, "
					+ "retryable} on failure, after which the answer stays saved. Each event's data is one of the "
					+ "schemas below. 400 empty, 413 too long, 404 unknown, 409 answered twice or interview ended, "
					+ "429 rate limit.")
	@ApiResponse(responseCode = "200", description = "The answer's events",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(oneOf = {
					InterviewEvent.Saved.class, InterviewEvent.Queued.class, InterviewEvent.Retrying.class,
					InterviewEvent.Feedback.class, InterviewEvent.Verdict.class, InterviewEvent.Question.class,
					InterviewEvent.Finished.class, InterviewEvent.ErrorData.class })))
	Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> answer(@AuthenticationPrincipal AccountUser user,
			@PathVariable UUID id, @PathVariable UUID turnId, @RequestBody AnswerRequest request,
			ServerWebExchange exchange) {
		Locale language = UserLanguage.ofRequest(exchange);
		return this.interviews.answer(user.id(), id, turnId, request).map((events) -> stream(events, language));
	}

	@PostMapping(path = "/api/interviews/{id}/turns/{turnId}/regrade", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Grade a failed or unfinished answer again", description = "The answer's event stream "
			+ "without saved. 409 when the answer is graded or being graded.")
	@ApiResponse(responseCode = "200", description = "The answer's events, as for answering, without saved",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(oneOf = {
					InterviewEvent.Queued.class, InterviewEvent.Retrying.class, InterviewEvent.Feedback.class,
					InterviewEvent.Verdict.class, InterviewEvent.Question.class, InterviewEvent.Finished.class,
					InterviewEvent.ErrorData.class })))
	Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> regrade(@AuthenticationPrincipal AccountUser user,
			@PathVariable UUID id, @PathVariable UUID turnId, ServerWebExchange exchange) {
		Locale language = UserLanguage.ofRequest(exchange);
		return this.interviews.regrade(user.id(), id, turnId).map((events) -> stream(events, language));
	}

	@PostMapping("/api/interviews/{id}/turns/{turnId}/skip")
	@Operation(summary = "Skip an open follow-up",
			description = "200 {skipped, revealed: {turnId, referenceAnswer, keyPoints, verdict}, next, report}: the "
					+ "question it followed up is shown whole and the interview moves on. 404 unknown, 409 when the "
					+ "turn is not an open follow-up or the interview has ended.")
	Mono<InterviewViews.SkipView> skip(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id,
			@PathVariable UUID turnId) {
		return this.interviews.skip(user.id(), id, turnId);
	}

	@PostMapping("/api/interviews/{id}/finish")
	@Operation(summary = "End an interview now", description = "200 with the interview and its report.")
	Mono<InterviewViews.InterviewView> finish(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id) {
		return this.interviews.finish(user.id(), id);
	}

	@GetMapping("/api/interviews")
	@Operation(summary = "Own interviews, newest first")
	Mono<InterviewViews.Page> list(@AuthenticationPrincipal AccountUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.interviews.list(user.id(), page, size);
	}

	@GetMapping("/api/interviews/{id}")
	@Operation(summary = "An interview with its whole transcript")
	Mono<InterviewViews.InterviewView> get(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id) {
		return this.interviews.view(id, user.id());
	}

	@DeleteMapping("/api/interviews/{id}")
	@ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an interview")
	Mono<Void> delete(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id) {
		return this.interviews.delete(user.id(), id);
	}

	@GetMapping("/api/interviews/{id}/report")
	@Operation(summary = "The report as JSON", description = "The stored report once the interview has ended; "
			+ "while it is in progress, one over the answers graded so far.")
	Mono<Report> report(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id) {
		return this.interviews.report(user.id(), id);
	}

	@GetMapping(path = "/api/interviews/{id}/report.md", produces = "text/markdown")
	@Operation(summary = "The report and transcript as a Markdown download")
	Mono<ResponseEntity<String>> markdown(@AuthenticationPrincipal AccountUser user, @PathVariable UUID id) {
		return this.interviews.markdown(user.id(), id)
			.map((markdown) -> ResponseEntity.ok()
				.contentType(MARKDOWN)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename("rehearse-interview-" + id + ".md").build().toString())
				.body(markdown));
	}

	@GetMapping("/api/progress")
	@Operation(summary = "Scores over time, per category and overall")
	Mono<InterviewViews.Progress> progress(@AuthenticationPrincipal AccountUser user) {
		return this.interviews.progress(user.id());
	}

	/** The one place where interview events become server-sent events. */
	private ResponseEntity<Flux<ServerSentEvent<Object>>> stream(Flux<InterviewEvent> events, Locale language) {
		Flux<ServerSentEvent<Object>> sse = events
			.map((event) -> ServerSentEvent.builder(data(event, language)).event(event.name()).build());
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			// tells nginx-style proxies not to buffer the stream
			.header("X-Accel-Buffering", "no")
			.body(sse);
	}

	private Object data(InterviewEvent event, Locale language) {
		if (event instanceof InterviewEvent.Failed failed) {
			String message = this.messages.getMessage(failed.code(), failed.arguments().toArray(), language);
			return new InterviewEvent.ErrorData(message, failed.retryable());
		}
		return event;
	}

}
