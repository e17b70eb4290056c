package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.examiner.Examiner;
import dev.rehearse.examiner.GradingEvent;
import dev.rehearse.examiner.GradingFailedException;
import dev.rehearse.examiner.GradingRequest;
import dev.rehearse.examiner.QuestionContext;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

/**
 * Grades one answer and moves the interview on, independently of whoever listens.
 * <p>
 * {@link #start} subscribes the whole pipeline itself (grade, store the verdict, ask a follow-up
 * or the next question, or finish with the report) and hands back a replay of its events for
 * the HTTP response. A client that disconnects only cancels its replay: the grading goes on and
 * is stored. The replay is bounded by the grading itself (one answer's feedback, cut off by
 * {@code rehearse.interview.grading-timeout}) and dropped when the grading ends; the number of
 * gradings is bounded by the per-user rate limit.
 * <p>
 * Results are stored only under the grading's lease, so a grading that was taken over by the
 * sweep (after its instance seemed dead) cannot overwrite the newer one.
 */
@Component
class Grading {

	private static final Logger logger = LoggerFactory.getLogger(Grading.class);

	private final InterviewStore store;

	private final Examiner examiner;

	private final QuestionCatalog catalog;

	private final InterviewProperties properties;

	Grading(InterviewStore store, Examiner examiner, QuestionCatalog catalog, InterviewProperties properties) {
		this.store = store;
		this.examiner = examiner;
		this.catalog = catalog;
		this.properties = properties;
	}

	/**
	 * Starts grading {@code turn}, whose grading is held under {@code lease}. The returned events
	 * are {@code feedback}…, {@code verdict}, then {@code question} or {@code finished}; or
	 * {@code error}. They never end in an error signal.
	 */
	Flux<ServerSentEvent<Object>> start(Turn turn, UUID lease) {
		Flux<ServerSentEvent<Object>> events = run(turn, lease).cache();
		events.subscribe((event) -> {
		}, (ex) -> logger.error("Grading of turn {} ended abnormally", turn.id(), ex));
		return events;
	}

	private Flux<ServerSentEvent<Object>> run(Turn turn, UUID lease) {
		return Mono.zip(this.store.findInterview(turn.interviewId()), this.store.findTurns(turn.interviewId()).collectList())
			.flatMapMany((loaded) -> grade(loaded.getT1(), loaded.getT2(), turn, lease))
			.onErrorResume((ex) -> {
				logger.error("Could not grade turn {}", turn.id(), ex);
				return this.store.markFailed(turn.id(), lease, "The answer could not be graded.", null)
					.onErrorReturn(false)
					.thenReturn(error("The answer could not be graded. It is saved; grade it again later.", true));
			});
	}

	private Flux<ServerSentEvent<Object>> grade(Interview interview, List<Turn> turns, Turn turn, UUID lease) {
		GradingRequest request = request(interview, turns, turn);
		StringBuilder feedback = new StringBuilder();
		AtomicBoolean verdictSeen = new AtomicBoolean();
		AtomicBoolean stored = new AtomicBoolean();
		Duration timeout = this.properties.gradingTimeout();
		return this.examiner.grade(request)
			.timeout(timeout)
			.takeUntil((event) -> event instanceof GradingEvent.Graded)
			.concatMap((event) -> {
				if (event instanceof GradingEvent.Feedback delta) {
					feedback.append(delta.delta());
					return Flux.just(event("feedback", Map.of("delta", delta.delta())));
				}
				if (event instanceof GradingEvent.Retrying retrying) {
					// Never silent: the candidate sees that the examiner is trying again, and why.
					return Flux.just(event("retrying",
							Map.of("attempt", retrying.attempt(), "of", retrying.of(), "reason", retrying.reason())));
				}
				verdictSeen.set(true);
				Verdict verdict = ((GradingEvent.Graded) event).verdict();
				return this.store.storeVerdict(turn.id(), lease, feedback.toString(), verdict).flatMapMany((ok) -> {
					if (!ok) {
						return Flux.just(error("This answer was graded again elsewhere in the meantime; "
								+ "reload the interview to see the result.", false));
					}
					stored.set(true);
					Map<String, Object> data = new java.util.LinkedHashMap<>();
					data.put("turnId", turn.id());
					data.put("verdict", verdict);
					data.put("delivery", turn.delivery());
					data.put("referenceAnswer", turn.referenceAnswer());
					data.put("keyPoints", turn.keyPoints());
					return Flux.concat(Mono.just(event("verdict", data)), advance(interview.id(), turn, request, verdict));
				});
			})
			.concatWith(Flux.defer(() -> verdictSeen.get() ? Flux.empty()
					: Flux.error(new GradingFailedException("The examiner ended without a verdict.", null))))
			.onErrorResume((ex) -> {
				if (stored.get()) {
					logger.error("Turn {} was graded but the interview could not move on", turn.id(), ex);
					return Flux.just(error("Your answer is graded, but the next question could not be prepared; "
							+ "reload the interview.", false));
				}
				String message = message(ex, timeout);
				logger.warn("Grading of turn {} failed: {}", turn.id(), message, ex);
				return this.store.markFailed(turn.id(), lease, message, feedback.toString())
					.thenReturn(error(message + " Your answer is saved; grade it again with the regrade endpoint.", true));
			});
	}

	/** After a verdict: a follow-up, the next question, or the end of the interview. */
	private Flux<ServerSentEvent<Object>> advance(UUID interviewId, Turn graded, GradingRequest request,
			Verdict verdict) {
		return Mono.zip(this.store.findInterview(interviewId), this.store.findTurns(interviewId).collectList())
			.flatMapMany((loaded) -> {
				Interview interview = loaded.getT1();
				List<Turn> turns = loaded.getT2();
				if (interview.status() != InterviewStatus.IN_PROGRESS) {
					// a late (re)grading of an ended interview: its report takes the verdict in
					Report report = Reports.of(turns);
					return this.store.updateReport(interview.id(), report)
						.thenReturn(event("finished", Map.of("report", report)))
						.flux();
				}
				Turn latest = turns.get(turns.size() - 1);
				if (!latest.id().equals(graded.id())) {
					return (latest.status() == TurnStatus.ASKED) ? Flux.just(question(latest)) : Flux.empty();
				}
				return followUp(interview, turns, graded, request, verdict)
					.switchIfEmpty(Mono.defer(() -> nextQuestion(interview, turns, graded.position() + 1)))
					.flatMap((next) -> this.store.insert(next)
						.flatMap((added) -> added ? Mono.just(next) : this.store.findTurns(interviewId)
							.filter((turn) -> turn.position() == next.position())
							.next()))
					.map(this::question)
					.switchIfEmpty(Mono.defer(() -> finish(interview)))
					.flux();
			});
	}

	private Mono<Turn> followUp(Interview interview, List<Turn> turns, Turn graded, GradingRequest request,
			Verdict verdict) {
		Turn root = (graded.kind() == TurnKind.QUESTION) ? graded
				: turns.stream().filter((turn) -> turn.id().equals(graded.parentTurnId())).findFirst().orElse(graded);
		long asked = turns.stream().filter((turn) -> root.id().equals(turn.parentTurnId())).count();
		if (asked >= this.properties.followUpsPerQuestion() || verdict.keyPoints(Verdict.Coverage.MISSED).isEmpty()) {
			return Mono.empty();
		}
		List<KeyPoint> probed = new ArrayList<>();
		verdict.keyPoints()
			.stream()
			.filter((point) -> point.coverage() != Verdict.Coverage.COVERED)
			.forEach((point) -> probed.add(point.keyPoint()));
		return this.examiner.followUp(request, verdict)
			.timeout(this.properties.gradingTimeout())
			.filter((text) -> text != null && !text.isBlank())
			.map((text) -> new Turn(UUID.randomUUID(), interview.id(), graded.position() + 1, root.questionId(),
					root.category(), TurnKind.FOLLOW_UP, root.id(), text.strip(), text.strip(), root.referenceAnswer(),
					probed.isEmpty() ? root.keyPoints() : probed, TurnStatus.ASKED, null, null, null, null, null, null,
					0, null))
			.onErrorResume((ex) -> {
				logger.warn("No follow-up for turn {}: {}", graded.id(), ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Turn> nextQuestion(Interview interview, List<Turn> turns, int position) {
		long asked = turns.stream().filter((turn) -> turn.kind() == TurnKind.QUESTION).count();
		List<UUID> remaining = interview.questionIds().subList((int) Math.min(asked, interview.questionIds().size()),
				interview.questionIds().size());
		return Flux.fromIterable(remaining)
			.concatMap(this.catalog::findQuestion)
			.next()
			.flatMap((question) -> ask(interview.id(), position, question, this.examiner, this.properties));
	}

	/** A new turn asking a bank question, in the examiner's spoken style (its text as is if that fails). */
	static Mono<Turn> ask(UUID interviewId, int position, Question question, Examiner examiner,
			InterviewProperties properties) {
		QuestionContext context = new QuestionContext(question.text(), question.referenceAnswer(), question.keyPoints(),
				question.language());
		return examiner.spokenQuestion(context)
			.timeout(properties.gradingTimeout())
			.filter((spoken) -> !spoken.isBlank())
			.onErrorResume((ex) -> {
				logger.warn("Asking question {} as written: {}", question.id(), ex.toString());
				return Mono.empty();
			})
			.defaultIfEmpty(question.text())
			.map((spoken) -> new Turn(UUID.randomUUID(), interviewId, position, question.id(), question.category(),
					TurnKind.QUESTION, null, spoken.strip(), question.text(), question.referenceAnswer(),
					question.keyPoints(), TurnStatus.ASKED, null, null, null, null, null, null, 0, null));
	}

	private Mono<ServerSentEvent<Object>> finish(Interview interview) {
		return this.store.findTurns(interview.id()).collectList().flatMap((turns) -> {
			Report report = Reports.of(turns);
			return this.store.end(interview.id(), InterviewStatus.FINISHED, report)
				.thenReturn(event("finished", Map.of("report", report)));
		});
	}

	static GradingRequest request(Interview interview, List<Turn> turns, Turn turn) {
		QuestionContext context = new QuestionContext(turn.questionText(), turn.referenceAnswer(), turn.keyPoints(),
				interview.language());
		List<GradingRequest.Exchange> history = new ArrayList<>();
		if (turn.kind() == TurnKind.FOLLOW_UP) {
			for (Turn earlier : turns) {
				boolean sameThread = earlier.id().equals(turn.parentTurnId())
						|| (turn.parentTurnId() != null && turn.parentTurnId().equals(earlier.parentTurnId()));
				if (sameThread && earlier.position() < turn.position() && earlier.answer() != null) {
					history.add(new GradingRequest.Exchange(earlier.spokenText(), earlier.answer().text()));
				}
			}
		}
		return new GradingRequest(context, turn.answer().text(), history);
	}

	private ServerSentEvent<Object> question(Turn turn) {
		return event("question", Map.of("turn", InterviewViews.turn(turn)));
	}

	static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	static ServerSentEvent<Object> saved(UUID turnId, Instant answeredAt) {
		return event("saved", Map.of("turnId", turnId, "answeredAt", answeredAt));
	}

	private static ServerSentEvent<Object> error(String message, boolean retryable) {
		return event("error", Map.of("message", message, "retryable", retryable));
	}

	private static String message(Throwable ex, Duration timeout) {
		if (ex instanceof TimeoutException) {
			return "The examiner did not finish grading within " + timeout.toSeconds() + " seconds.";
		}
		if (ex instanceof GradingFailedException && ex.getMessage() != null) {
			return ex.getMessage();
		}
		return "The examiner could not grade this answer.";
	}

}
