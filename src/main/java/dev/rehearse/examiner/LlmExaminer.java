package dev.rehearse.examiner;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.ai.chat.client.ChatClient;

import dev.rehearse.examiner.ExaminerProperties.FailurePolicy;
import dev.rehearse.examiner.GradingEvent.Feedback;
import dev.rehearse.examiner.GradingEvent.Graded;
import dev.rehearse.questionbank.KeyPoint;

/**
 * Grades through a chat model with Spring AI's streaming {@link ChatClient}.
 * <p>
 * The model is asked for its feedback first and then, after a per-request marker line, a JSON
 * verdict. Feedback deltas are passed on as they arrive ({@link FeedbackSplitter}); the verdict is
 * parsed and validated strictly ({@link VerdictParser}). The candidate's answer goes into the
 * prompt fenced by lines carrying a random nonce (removed from the answer itself), declared as
 * data ({@code <<<} in it is defused, so it can neither close the fence nor carry a verdict marker
 * the model might echo).
 * <p>
 * Failures (connection, HTTP status, no token within {@code first-token-timeout}, a cut stream,
 * a malformed verdict) are retried with exponential backoff, honouring {@code Retry-After}, but
 * only while no feedback has reached the candidate: a retry never repeats or contradicts text
 * already shown. After that, or when retries are used up, the failure policy applies: fall back
 * to the offline examiner (its feedback follows a note saying so, its verdict is marked
 * {@code fallback}) or fail with {@link GradingFailedException}.
 */
final class LlmExaminer implements Examiner {

	private static final Logger logger = LoggerFactory.getLogger(LlmExaminer.class);

	private static final SecureRandom random = new SecureRandom();

	private static final Pattern MARKER_LIKE = Pattern.compile("<<<(?=\\s*(?:VERDICT|ANSWER|END))",
			Pattern.CASE_INSENSITIVE);

	private final ChatClient chat;

	private final ExaminerInfo info;

	private final ExaminerProperties properties;

	private final PromptTemplates prompts;

	private final Examiner fallback;

	LlmExaminer(ChatClient chat, ExaminerInfo info, ExaminerProperties properties, PromptTemplates prompts,
			Examiner fallback) {
		this.chat = chat;
		this.info = info;
		this.properties = properties;
		this.prompts = prompts;
		this.fallback = fallback;
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
			AtomicBoolean feedbackSent = new AtomicBoolean();
			Flux<GradingEvent> attempt = Flux.defer(() -> attempt(system, user, fence, request, answer, provenance))
				.doOnNext((event) -> {
					if (event instanceof Feedback) {
						feedbackSent.set(true);
					}
				});
			return attempt.retryWhen(retry(feedbackSent))
				.timeout(this.properties.gradingTimeout())
				.onErrorResume((failure) -> !(failure instanceof GradingFailedException),
						(failure) -> onFailure(request, failure, feedbackSent.get()));
		});
	}

	private Flux<GradingEvent> attempt(String system, String user, Fence fence, GradingRequest request, String answer,
			Verdict.Provenance provenance) {
		FeedbackSplitter splitter = new FeedbackSplitter();
		Duration silence = this.properties.firstTokenTimeout();
		Flux<String> tokens = this.chat.prompt()
			.system(system)
			.user(user)
			.stream()
			.content()
			// Cancelling the SDK's stream can block until its request completes: never on the timer thread.
			.cancelOn(Schedulers.boundedElastic())
			.timeout(Mono.delay(silence), (token) -> Mono.delay(silence));
		Flux<GradingEvent> feedback = tokens.map(splitter::accept)
			.filter((delta) -> !delta.isEmpty())
			.map(Feedback::new);
		Mono<GradingEvent> verdict = Mono.fromCallable(() -> {
			if (!splitter.sawMarker()) {
				throw new MalformedVerdictException("The model's reply has no verdict marker");
			}
			return new Graded(VerdictParser.parse(splitter.verdictBlock(), request.question(), answer, provenance));
		});
		return feedback.concatWith(verdict);
	}

	private Retry retry(AtomicBoolean feedbackSent) {
		ExaminerProperties.Retry settings = this.properties.retry();
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			boolean again = !feedbackSent.get() && signal.totalRetries() + 1 < settings.maxAttempts()
					&& ModelFailures.transientFailure(failure);
			if (!again) {
				return Mono.error(failure);
			}
			Duration wait = backoff(settings, signal.totalRetries(), failure);
			logger.info("Model call failed ({}), retry {} of {} in {} ms", ModelFailures.describe(failure),
					signal.totalRetries() + 1, settings.maxAttempts() - 1, wait.toMillis());
			return Mono.delay(wait);
		}));
	}

	static Duration backoff(ExaminerProperties.Retry settings, long retry, Throwable failure) {
		long base = settings.backoff().toMillis() << Math.min(retry, 20);
		long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
		Duration wait = Duration.ofMillis(jittered);
		Duration asked = ModelFailures.retryAfter(failure).orElse(Duration.ZERO);
		if (asked.compareTo(wait) > 0) {
			wait = asked;
		}
		return (wait.compareTo(settings.maxBackoff()) > 0) ? settings.maxBackoff() : wait;
	}

	private Flux<GradingEvent> onFailure(GradingRequest request, Throwable failure, boolean feedbackSent) {
		String why = ModelFailures.describe(failure);
		if (this.properties.onFailure() == FailurePolicy.FAIL) {
			logger.warn("Grading failed: {}", why);
			return Flux.error(new GradingFailedException("The model could not grade the answer: " + why, failure));
		}
		logger.warn("Grading by the model failed ({}); the offline examiner grades instead", why);
		boolean zh = SpokenTemplates.chinese(request.question().language());
		String note = (feedbackSent ? "\n\n" : "")
				+ (zh ? "（评分模型暂时不可用，以下反馈和分数由离线评分器给出。）\n\n"
						: "(The grading model is unavailable right now; the offline examiner graded this answer instead.)\n\n");
		return Flux.<GradingEvent>just(new Feedback(note))
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
		Map<String, String> values = new LinkedHashMap<>(Fence.random().values(question.language()));
		values.put("question", question.question());
		return shortCall("spoken", values, 400).onErrorResume((failure) -> {
			logger.info("Spoken question by the model failed ({}); using the template", ModelFailures.describe(failure));
			return Mono.empty();
		}).defaultIfEmpty(SpokenTemplates.spokenQuestion(question)).map(String::strip);
	}

	@Override
	public Mono<String> followUp(GradingRequest request, Verdict verdict) {
		String template = SpokenTemplates.followUp(request.question(), verdict);
		var point = verdict.keyPoints(Verdict.Coverage.MISSED)
			.stream()
			.findFirst()
			.or(() -> verdict.keyPoints(Verdict.Coverage.PARTLY).stream().findFirst());
		if (point.isEmpty()) {
			return Mono.just(template);
		}
		Fence fence = Fence.random();
		Map<String, String> values = fence.values(request.question().language());
		values.put("question", request.question().question());
		values.put("point", point.get().title());
		values.put("answer", fence.sanitize(request.answer()));
		return shortCall("followup", values, 400).onErrorResume((failure) -> {
			logger.info("Follow-up by the model failed ({}); using the template", ModelFailures.describe(failure));
			return Mono.empty();
		}).defaultIfEmpty(template);
	}

	/** One short non-streamed line from the model, bounded by {@code spoken-timeout}; empty when unusable. */
	private Mono<String> shortCall(String purpose, Map<String, String> values, int maxChars) {
		String system = this.prompts.render(purpose, "system", values);
		String user = this.prompts.render(purpose, "user", values);
		return this.chat.prompt()
			.system(system)
			.user(user)
			.stream()
			.content()
			.reduce(new StringBuilder(), StringBuilder::append)
			.cancelOn(Schedulers.boundedElastic())
			.map((text) -> text.toString().strip())
			.filter((text) -> !text.isEmpty() && text.length() <= maxChars && !text.contains("<<<"))
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
