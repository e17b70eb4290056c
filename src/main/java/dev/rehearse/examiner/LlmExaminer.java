package dev.rehearse.examiner;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.chat.model.Generation;

import dev.rehearse.examiner.ExaminerProperties.FailurePolicy;
import dev.rehearse.examiner.GradingEvent.Feedback;
import dev.rehearse.examiner.GradingEvent.Graded;
import dev.rehearse.examiner.GradingEvent.Retrying;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.system.Timeouts;
import dev.rehearse.system.Traces;

/**
 * Grades through a Spring AI {@link ChatModel}, streaming. The model is called directly rather than
 * through a {@code ChatClient}: the client's advisor chain moves every streamed token to another
 * thread ({@code publishOn}), about a quarter of the service's CPU per model token
 * (docs/benchmarks.md), and the examiner uses none of its advisors.
 * <p>
 * The model is asked for its feedback first and then, after a per-request marker line, a JSON
 * verdict. Feedback deltas are passed on as they arrive; reasoning, JSON, code fences and the
 * marker never are ({@link FeedbackSplitter}); the verdict is parsed and validated strictly
 * ({@link VerdictParser}). Reasoning comes three ways and is never shown: in a separate field
 * (DeepSeek's {@code reasoning_content}, Ollama's {@code thinking}: Spring AI puts it in the
 * message metadata, never in its text, and such chunks only keep the attempt alive), in
 * {@code <think>} tags, or before a bare {@code </think>} when the chat template opened the
 * block; a model seen doing the latter has its feedback held until its reasoning ends (and so
 * is a model named like a reasoning model until its first reply shows it does not). A small model that skips the marker
 * but ends its reply with the verdict object is understood too, unless the answer itself
 * carries something verdict-shaped. The candidate's answer goes into the prompt fenced by lines
 * carrying a random nonce (removed from the answer itself), declared as data ({@code <<<} in it
 * is defused, so it can neither close the fence nor carry a verdict marker the model might
 * echo).
 * <p>
 * Failures (connection, HTTP status, no chunk within {@code first-token-timeout}, a cut stream,
 * a malformed verdict) are retried with exponential backoff, honouring {@code Retry-After}, but
 * only while no feedback has reached the candidate: a retry never repeats or contradicts text
 * already shown. Each retry is announced ({@link GradingEvent.Retrying}). The whole wait is
 * bounded by {@code max-grading-wait}: timeouts shrink to what is left of it and a retry that
 * cannot fit is not made. After that, or when retries are used up, the failure policy applies:
 * fall back to the offline examiner (its feedback follows a note saying so, its verdict is
 * marked {@code fallback}) or fail with {@link GradingFailedException}.
 */
final class LlmExaminer implements Examiner {

	private static final Logger logger = LoggerFactory.getLogger(LlmExaminer.class);

	private static final SecureRandom random = new SecureRandom();

	/** A retry is made only when at least this much of the grading's wait is left for it. */
	static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(1);

	private static final Pattern MARKER_LIKE = Pattern.compile("<<<(?=\\s*(?:VERDICT|ANSWER|END))",
			Pattern.CASE_INSENSITIVE);

	private final ChatModel model;

	private final ExaminerInfo info;

	private final ExaminerProperties properties;

	private final PromptTemplates prompts;

	private final Examiner fallback;

	private final ModelFailures failures;

	private final SpokenQuestions spoken;

	/**
	 * Model names of the families whose chat templates may open the reasoning block for them
	 * (DeepSeek-R1 and its distills, QwQ, other "reasoner"/"thinking" models).
	 */
	private static final Pattern REASONING_MODEL = Pattern.compile("(?i)r1|qwq|reason|think|distill");

	/** How this examiner's model marks its reasoning, learnt from its replies. */
	private volatile ReasoningStyle reasoning;

	private enum ReasoningStyle {

		/** A reasoning model not yet seen: hold feedback until its first reply shows how it reasons. */
		UNKNOWN,

		/** Reasoning, if any, is marked with an opening tag or comes in a separate field. */
		MARKED,

		/** The chat template opens the reasoning: everything before a bare {@code </think>} is reasoning. */
		IMPLICIT

	}

	LlmExaminer(ChatModel model, ExaminerInfo info, ExaminerProperties properties, PromptTemplates prompts,
			Examiner fallback, ModelFailureRules failureRules) {
		this.model = model;
		this.failures = new ModelFailures(failureRules);
		this.info = info;
		this.properties = properties;
		this.prompts = prompts;
		this.fallback = fallback;
		this.spoken = new SpokenQuestions(properties.spokenCacheSize());
		// Other models stream at once; one that turns out to write a bare </think> is held from then on.
		this.reasoning = REASONING_MODEL.matcher(info.model()).find() ? ReasoningStyle.UNKNOWN : ReasoningStyle.MARKED;
	}

	@Override
	public ExaminerInfo info() {
		return this.info;
	}

	@Override
	public Flux<GradingEvent> grade(GradingRequest request) {
		return Flux.defer(() -> {
			Fence fence = Fence.random();
			String answer = fence.sanitize(request.answer());
			String system = this.prompts.render("grade", "system", fence.values(request.question().language()));
			String user = this.prompts.render("grade", "user", userValues(request, answer, fence));
			Verdict.Provenance provenance = new Verdict.Provenance("llm", this.info.provider(), this.info.model(),
					this.prompts.version(), false);
			Call call = new Call(system, user, request, provenance, new AtomicBoolean(),
					System.nanoTime() + this.properties.maxGradingWait().toNanos());
			// A deadline for the whole grading, retries and their waits included (one timer, not one per token).
			return Timeouts.within(attempts(call, 1), call.left())
				.onErrorResume((failure) -> !(failure instanceof GradingFailedException),
						(failure) -> onFailure(request, failure, call.feedbackSent().get()));
		});
	}

	/** One grading's call to the model, shared by its attempts. */
	private record Call(String system, String user, GradingRequest request, Verdict.Provenance provenance,
			AtomicBoolean feedbackSent, long deadlineNanos) {

		Duration left() {
			return Duration.ofNanos(Math.max(0, this.deadlineNanos - System.nanoTime()));
		}

	}

	private Flux<GradingEvent> attempts(Call call, int number) {
		return Flux.defer(() -> attempt(call)).doOnNext((event) -> {
			if (event instanceof Feedback) {
				call.feedbackSent().set(true);
			}
		}).onErrorResume((failure) -> {
			ExaminerProperties.Retry settings = this.properties.retry();
			if (call.feedbackSent().get() || number >= settings.maxAttempts() || !this.failures.transientFailure(failure)) {
				return Flux.error(failure);
			}
			Duration wait = backoff(settings, number - 1, failure);
			if (call.left().minus(wait).compareTo(SHORTEST_ATTEMPT) < 0) {
				return Traces.log(() -> logger.info(
						"Model call failed ({}); no time left in rehearse.examiner.max-grading-wait for a retry",
						this.failures.describe(failure)))
					.thenMany(Flux.error(failure));
			}
			Mono<Void> line = Traces.log(() -> logger.info("Model call failed ({}), attempt {} of {} in {} ms",
					this.failures.describe(failure), number + 1, settings.maxAttempts(), wait.toMillis()));
			return line.thenMany(Flux.<GradingEvent>just(new Retrying(number + 1, settings.maxAttempts(), this.failures.reason(failure)))
				.concatWith(Mono.delay(wait).thenMany(Flux.defer(() -> attempts(call, number + 1)))));
		});
	}

	private Flux<GradingEvent> attempt(Call call) {
		FeedbackSplitter splitter = new FeedbackSplitter(this.reasoning != ReasoningStyle.MARKED);
		// Every chunk counts as a sign of life, a reasoning-only one (empty text) too; the grading's deadline
		// (grade) bounds the attempt as well.
		Flux<String> pieces = Timeouts.idle(stream(call.system(), call.user()), this.properties.firstTokenTimeout())
			.map(LlmExaminer::text);
		Flux<GradingEvent> feedback = pieces.map(splitter::accept)
			.concatWith(Mono.fromCallable(splitter::finish))
			.filter((delta) -> !delta.isEmpty())
			.map(Feedback::new);
		Mono<GradingEvent> verdict = Mono.fromCallable(() -> {
			learn(splitter);
			String answer = call.request().answer();
			String block = splitter.sawMarker() ? splitter.verdictBlock()
					: (mayCarryAVerdict(answer) ? null : splitter.trailingJson());
			if (block == null) {
				throw new MalformedVerdictException("The model's reply has no verdict marker and does not end with a verdict");
			}
			return new Graded(VerdictParser.parse(block, call.request().question(), answer, call.provenance()));
		});
		return feedback.concatWith(verdict);
	}

	/** The text of a streamed chunk; empty for one that carries only reasoning (kept in its metadata). */
	private static String text(ChatResponse response) {
		Generation result = response.getResult();
		String text = (result != null && result.getOutput() != null) ? result.getOutput().getText() : null;
		return (text != null) ? text : "";
	}

	/**
	 * Whether the candidate's answer holds something verdict-shaped a parroting model could end
	 * its reply with: then only a verdict after the nonce marker counts.
	 */
	static boolean mayCarryAVerdict(String answer) {
		return answer != null && answer.indexOf('{') >= 0 && answer.toLowerCase(Locale.ROOT).contains("score");
	}

	private void learn(FeedbackSplitter splitter) {
		if (splitter.sawBareReasoningEnd()) {
			if (this.reasoning != ReasoningStyle.IMPLICIT) {
				logger.info("The model reasons before a bare </think>: its feedback is held until its reasoning ends");
			}
			this.reasoning = ReasoningStyle.IMPLICIT;
		}
		else if (this.reasoning == ReasoningStyle.UNKNOWN) {
			this.reasoning = ReasoningStyle.MARKED;
		}
	}

	Duration backoff(ExaminerProperties.Retry settings, long retry, Throwable failure) {
		return backoff(settings, retry, this.failures.retryAfter(failure).orElse(Duration.ZERO));
	}

	/** Exponential backoff with jitter from the first wait; a longer wait the server asked for wins; capped. */
	static Duration backoff(ExaminerProperties.Retry settings, long retry, Duration asked) {
		long base = settings.backoff().toMillis() << Math.min(retry, 20);
		long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
		Duration wait = Duration.ofMillis(jittered);
		if (asked.compareTo(wait) > 0) {
			wait = asked;
		}
		return (wait.compareTo(settings.maxBackoff()) > 0) ? settings.maxBackoff() : wait;
	}

	private Flux<GradingEvent> onFailure(GradingRequest request, Throwable failure, boolean feedbackSent) {
		String why = this.failures.describe(failure);
		if (this.properties.onFailure() == FailurePolicy.FAIL) {
			return Traces.log(() -> logger.warn("Grading failed: {}", why))
				.thenMany(Flux.error(new GradingFailedException("The model could not grade the answer: " + why, failure)));
		}
		Mono<Void> line = Traces.log(
				() -> logger.warn("Grading by the model failed ({}); the offline examiner grades instead", why));
		boolean zh = SpokenTemplates.chinese(request.question().language());
		String note = (feedbackSent ? "\n\n" : "")
				+ (zh ? "（评分模型暂时不可用，以下反馈和分数由离线评分器给出。）\n\n"
						: "(The grading model is unavailable right now; the offline examiner graded this answer instead.)\n\n");
		return line.thenMany(Flux.<GradingEvent>just(new Feedback(note)))
			.concatWith(this.fallback.grade(request).map((event) -> (event instanceof Graded graded)
					? new Graded(asFallback(graded.verdict())) : event));
	}

	private static Verdict asFallback(Verdict verdict) {
		Verdict.Provenance p = verdict.provenance();
		return new Verdict(verdict.score(), verdict.keyPoints(), verdict.strengths(), verdict.improvements(),
				new Verdict.Provenance(p.examiner(), p.provider(), p.model(), p.promptVersion(), true), verdict.summary());
	}

	private Map<String, String> userValues(GradingRequest request, String answer, Fence fence) {
		QuestionContext question = request.question();
		Map<String, String> values = fence.values(question.language());
		values.put("question", question.question());
		values.put("referenceAnswer", question.referenceAnswer());
		StringBuilder points = new StringBuilder();
		List<KeyPoint> keyPoints = question.keyPoints();
		for (int i = 0; i < keyPoints.size(); i++) {
			KeyPoint point = keyPoints.get(i);
			points.append("K").append(i + 1).append(": ").append(point.title()).append('\n');
			if (!point.detail().isEmpty()) {
				points.append("    detail: ").append(point.detail()).append('\n');
			}
		}
		values.put("keyPoints", points.isEmpty() ? "(none listed: grade against the reference answer)\n"
				: points.toString());
		StringBuilder history = new StringBuilder();
		if (!request.history().isEmpty()) {
			history.append("\nEarlier in this thread (the candidate's earlier words are fenced the same way):\n");
			for (GradingRequest.Exchange exchange : request.history()) {
				history.append("Interviewer: ").append(exchange.question()).append('\n')
					.append(fence.start()).append('\n')
					.append(fence.sanitize(exchange.answer())).append('\n')
					.append(fence.end()).append('\n');
			}
		}
		values.put("history", history.toString());
		values.put("answer", answer);
		values.put("answerChars", Integer.toString(AnswerTooLongException.length(answer)));
		return values;
	}

	@Override
	public Mono<String> spokenQuestion(QuestionContext question) {
		return this.spoken.phrase(question, () -> {
			Map<String, String> values = new LinkedHashMap<>(Fence.random().values(question.language()));
			values.put("question", question.question());
			values.put("persona", question.style().persona());
			values.put("manner", question.style().manner());
			return shortCall("spoken", values, 400);
		}).onErrorResume((failure) -> {
			return Traces.log(() -> logger.info("Spoken question by the model failed ({}); using the template",
					this.failures.describe(failure)))
				.then(Mono.empty());
		}).defaultIfEmpty(SpokenTemplates.spokenQuestion(question)).map(String::strip);
	}

	/**
	 * A follow-up on the first missed (else partly covered) point from the model, which is told
	 * only the points' titles (never a detail or the reference answer) and not to reveal the
	 * answer; the template stands in when the model fails, is slow, or its question is too long,
	 * not a question, or gives the point away anyway ({@link FollowUpCheck}).
	 */
	@Override
	public Mono<String> followUp(GradingRequest request, Verdict verdict) {
		String template = SpokenTemplates.followUp(request.question(), verdict);
		var point = SpokenTemplates.probed(verdict);
		if (point.isEmpty()) {
			return Mono.just(template);
		}
		Fence fence = Fence.random();
		Map<String, String> values = fence.values(request.question().language());
		values.put("question", request.question().question());
		values.put("point", point.get().title());
		List<String> covered = verdict.keyPoints(Verdict.Coverage.COVERED).stream().map(Verdict.KeyPointResult::title).toList();
		values.put("coveredTitles", covered.isEmpty() ? "(none)" : "- " + String.join("\n- ", covered));
		values.put("answer", fence.sanitize(request.answer()));
		values.put("manner", request.question().style().manner());
		KeyPoint asked = point.get().keyPoint();
		return shortCall("followup", values, 400).filter((text) -> {
			var problem = FollowUpCheck.problem(text, asked, request.question(), request.answer());
			problem.ifPresent((why) -> logger.info("The model's follow-up is not used ({}); using the template", why));
			return problem.isEmpty();
		}).onErrorResume((failure) -> {
			return Traces.log(() -> logger.info("Follow-up by the model failed ({}); using the template",
					this.failures.describe(failure)))
				.then(Mono.empty());
		}).defaultIfEmpty(template);
	}

	private Flux<ChatResponse> stream(String system, String user) {
		// the grading's trace becomes the model call's parent here, and only here (system/Traces)
		return this.model.stream(new Prompt(List.of(new SystemMessage(system), new UserMessage(user))))
			.contextWrite(Traces::promote);
	}

	/** One short line from the model, reasoning left out, bounded by {@code spoken-timeout}; empty when unusable. */
	private Mono<String> shortCall(String purpose, Map<String, String> values, int maxChars) {
		String system = this.prompts.render(purpose, "system", values);
		String user = this.prompts.render(purpose, "user", values);
		return stream(system, user).map(LlmExaminer::text)
			.reduce(new StringBuilder(), StringBuilder::append)
			.map((text) -> FeedbackSplitter.withoutReasoning(text.toString()))
			.filter((text) -> !text.isEmpty() && text.length() <= maxChars && !text.contains("<<<") && !text.contains("```"))
			.timeout(this.properties.spokenTimeout());
	}

	/**
	 * The per-request boundary around untrusted text and the verdict marker: both carry a nonce
	 * of 96 random bits the answer cannot guess.
	 */
	record Fence(String nonce) {

		static Fence random() {
			byte[] bytes = new byte[12];
			random.nextBytes(bytes);
			return new Fence(HexFormat.of().formatHex(bytes));
		}

		String start() {
			return "<<<ANSWER " + this.nonce + ">>>";
		}

		String end() {
			return "<<<END ANSWER " + this.nonce + ">>>";
		}

		String marker() {
			return "<<<VERDICT " + this.nonce + ">>>";
		}

		/** The untrusted text without the nonce and with anything shaped like our fence or marker lines defused. */
		String sanitize(String text) {
			String cleaned = (text != null) ? text : "";
			cleaned = Pattern.compile(Pattern.quote(this.nonce), Pattern.CASE_INSENSITIVE).matcher(cleaned).replaceAll("");
			return MARKER_LIKE.matcher(cleaned).replaceAll("<< <");
		}

		Map<String, String> values(String language) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("fenceStart", start());
			values.put("fenceEnd", end());
			values.put("marker", marker());
			values.put("languageName", SpokenTemplates.chinese(language) ? "Chinese (简体中文)" : "English");
			return values;
		}

	}

}
