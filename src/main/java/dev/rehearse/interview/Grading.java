package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.rehearse.examiner.Examiner;
import dev.rehearse.examiner.GradingEvent;
import dev.rehearse.examiner.GradingFailedException;
import dev.rehearse.examiner.GradingRequest;
import dev.rehearse.examiner.InterviewerStyle;
import dev.rehearse.examiner.QuestionContext;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.system.Timeouts;
import dev.rehearse.system.Traces;
import dev.rehearse.tailoring.PlannedQuestion;
import dev.rehearse.tailoring.TailoringStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

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

	/** An answer scored at most this (or "不知道", which scores 0) gets no follow-up. */
	static final double WEAK_SCORE = 2.0;

	/**
	 * Said before the next question after a weak answer. Each begins the same way ("没关系，" /
	 * "No problem, let's move on"), so a client can tell the move-on from the question.
	 */
	static final List<String> ZH_MOVE_ON = List.of("没关系，我们看下一题。", "没关系，我们接着看下一题。",
			"没关系，我们换一道题。");

	static final List<String> EN_MOVE_ON = List.of("No problem, let's move on. ",
			"No problem, let's move on to the next one. ", "No problem, let's move on to another question. ");

	private final InterviewStore store;

	private final TurnStore turns;

	private final Examiner examiner;

	private final QuestionCatalog catalog;

	private final InterviewProperties properties;

	private final TransactionalOperator transactions;

	private final TailoringStore tailoring;

	private final ObservationRegistry observations;

	Grading(InterviewStore store, TurnStore turns, Examiner examiner, QuestionCatalog catalog, InterviewProperties properties,
			TransactionalOperator transactions, TailoringStore tailoring, ObjectProvider<ObservationRegistry> observations) {
		this.store = store;
		this.turns = turns;
		this.examiner = examiner;
		this.catalog = catalog;
		this.properties = properties;
		this.transactions = transactions;
		this.tailoring = tailoring;
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
	}

	/**
	 * Starts grading {@code turn} of {@code interview}, whose grading is held under {@code lease};
	 * {@code turns} are the interview's turns as loaded with it, {@code turn} among them. The
	 * returned events are feedback…, verdict, then question or finished; or failed. They never end
	 * in an error signal.
	 */
	Flux<InterviewEvent> start(Interview interview, List<Turn> turns, Turn turn, UUID lease) {
		return start(interview, turns, turn, lease, () -> {
		}, (event) -> {
		});
	}

	/**
	 * As {@link #start(Interview, List, Turn, UUID)}, showing each event to {@code observer} as it
	 * happens (whoever listens) and running {@code whenDone} once the grading has ended.
	 */
	Flux<InterviewEvent> start(Interview interview, List<Turn> turns, Turn turn, UUID lease, Runnable whenDone,
			java.util.function.Consumer<InterviewEvent> observer) {
		// A grading outlives the request that started it, so it is its own trace: the model calls are its
		// spans and the lines logged on its way (system/Traces) carry its trace id.
		Observation observation = Observation.createNotStarted("rehearse.grading.run", this.observations)
			.contextualName("grading")
			.start();
		Flux<InterviewEvent> events = run(interview, turns, turn, lease).doOnNext(observer)
			.doFinally((signal) -> {
				observation.stop();
				whenDone.run();
			})
			.contextWrite((context) -> Traces.inBackground(context, observation))
			.cache();
		events.subscribe((event) -> {
		}, (ex) -> logger.error("Grading of turn {} ended abnormally", turn.id(), ex));
		return events;
	}

	/**
	 * The events of a grading that ran elsewhere (another instance took the answer from the
	 * queue), from what it stored: the whole feedback at once, the verdict (hidden while its
	 * follow-up is open), then the turn now asked or the report. Empty while it is still graded.
	 */
	static Flux<InterviewEvent> fromStored(Interview interview, List<Turn> turns, UUID turnId) {
		Turn graded = turns.stream().filter((turn) -> turn.id().equals(turnId)).findFirst().orElse(null);
		if (graded == null) {
			return Flux.just(deleted());
		}
		if (graded.status() == TurnStatus.FAILED) {
			return Flux.just(new InterviewEvent.Failed(InterviewEvent.Failed.Reason.NOT_GRADED, true));
		}
		if (graded.status() != TurnStatus.GRADED) {
			return Flux.empty();
		}
		Turn root = root(turns, graded);
		Turn latest = turns.get(turns.size() - 1);
		boolean followUpOpen = latest.kind() == TurnKind.FOLLOW_UP && latest.status() == TurnStatus.ASKED
				&& root.id().equals(latest.parentTurnId()) && latest.position() > graded.position();
		List<InterviewEvent> events = new ArrayList<>();
		if (graded.feedback() != null && !graded.feedback().isEmpty()) {
			events.add(new InterviewEvent.Feedback(graded.feedback()));
		}
		events.add(verdictEvent(graded, root, graded.verdict(), followUpOpen));
		if (interview.status() != InterviewStatus.IN_PROGRESS) {
			events.add(new InterviewEvent.Finished(
					(interview.report() != null) ? interview.report() : Reports.of(interview, turns)));
		}
		else if (latest.status() == TurnStatus.ASKED && latest.position() > graded.position()) {
			events.add(question(latest));
		}
		return Flux.fromIterable(events);
	}

	private Flux<InterviewEvent> run(Interview interview, List<Turn> turns, Turn turn, UUID lease) {
		return Flux.defer(() -> grade(interview, turns, turn, lease))
			.onErrorResume((ex) -> {
				return Traces.log(() -> logger.error("Could not grade turn {}", turn.id(), ex))
					.then(this.turns.markFailed(turn.id(), lease, "The answer could not be graded.", null))
					.onErrorReturn(false)
					.thenReturn(new InterviewEvent.Failed(InterviewEvent.Failed.Reason.NOT_GRADED, true));
			});
	}

	private Flux<InterviewEvent> grade(Interview interview, List<Turn> turns, Turn turn, UUID lease) {
		GradingRequest request = request(interview, turns, turn);
		StringBuilder feedback = new StringBuilder();
		AtomicBoolean verdictSeen = new AtomicBoolean();
		AtomicBoolean stored = new AtomicBoolean();
		Duration timeout = this.properties.gradingTimeout();
		Flux<GradingEvent> graded = Timeouts.within(this.examiner.grade(request), timeout)
			.takeUntil((event) -> event instanceof GradingEvent.Graded)
			.doOnNext((event) -> {
				if (event instanceof GradingEvent.Feedback delta) {
					feedback.append(delta.delta());
				}
			});
		return FeedbackCoalescing.coalesce(graded, this.properties.feedbackFlush(), System::nanoTime)
			.concatMap((event) -> {
				if (event instanceof GradingEvent.Feedback delta) {
					return Flux.just(new InterviewEvent.Feedback(delta.delta()));
				}
				if (event instanceof GradingEvent.Retrying retrying) {
					// Never silent: the candidate sees that the examiner is trying again, and why.
					return Flux.just(new InterviewEvent.Retrying(retrying.attempt(), retrying.of(), retrying.reason()));
				}
				verdictSeen.set(true);
				Verdict verdict = ((GradingEvent.Graded) event).verdict();
				return afterVerdict(interview, turns, turn, lease, request, feedback.toString(), verdict, stored);
			})
			.concatWith(Flux.defer(() -> verdictSeen.get() ? Flux.empty()
					: Flux.error(new NoVerdictException())))
			.onErrorResume((ex) -> {
				if (stored.get()) {
					return Traces.log(() -> logger.error("Turn {} was graded but the interview could not move on", turn.id(), ex))
						.thenReturn(new InterviewEvent.Failed(InterviewEvent.Failed.Reason.NOT_MOVED_ON, false));
				}
				InterviewEvent.Failed failed = failed(ex, timeout);
				String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
				return Traces.log(() -> logger.warn("Grading of turn {} failed: {}", turn.id(), message, ex))
					.then(this.turns.markFailed(turn.id(), lease, message, feedback.toString()))
					.flatMapMany((marked) -> marked ? Flux.just(failed) : notStored(turn));
			});
	}

	/**
	 * Why a grading's result could not be stored under its lease: the interview was deleted
	 * meanwhile, or the sweep took the grading over (after it seemed stale) and graded it again.
	 */
	private Flux<InterviewEvent> notStored(Turn turn) {
		return this.turns.findTurn(turn.interviewId(), turn.id())
			.<InterviewEvent>map((now) -> new InterviewEvent.Failed(InterviewEvent.Failed.Reason.GRADED_ELSEWHERE, false))
			.defaultIfEmpty(deleted())
			.flux();
	}

	/**
	 * After a verdict: decides first whether a follow-up will be asked (then the verdict goes out
	 * without the reference answer and the missed points' details, which would give the
	 * follow-up's answer away) and prepares the follow-up or the next question; then stores the
	 * verdict and opens that turn in one statement, and sends the verdict, then the follow-up, the
	 * next question or the end of the interview.
	 * <p>
	 * The decision rests on the interview and turns loaded when the answer came: while this turn is
	 * graded nobody else adds a turn, and the statement reports the interview's status as it is
	 * now, so an interview ended in the meantime gets no new question and the verdict shown whole.
	 */
	private Flux<InterviewEvent> afterVerdict(Interview interview, List<Turn> turns, Turn graded, UUID lease,
			GradingRequest request, String feedback, Verdict verdict, AtomicBoolean stored) {
		Turn root = root(turns, graded);
		Turn latest = turns.get(turns.size() - 1);
		boolean asksNext = interview.status() == InterviewStatus.IN_PROGRESS && latest.id().equals(graded.id());
		boolean followUpDue = followUpDue(interview, turns, graded, root, verdict);
		Mono<Optional<Turn>> next = !asksNext ? Mono.just(Optional.empty())
				: (followUpDue ? followUp(interview, turns, graded, root, request, verdict)
						: nextQuestion(interview, turns, graded.position() + 1,
								(verdict.score() <= WEAK_SCORE) ? moveOn(interview.language(), graded.position()) : ""))
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty());
		return next.flatMapMany((opened) -> this.turns.storeVerdict(graded.id(), lease, feedback, verdict, opened.orElse(null))
			.flatMapMany((result) -> {
				if (!result.graded()) {
					return notStored(graded);
				}
				stored.set(true);
				if (result.status() != InterviewStatus.IN_PROGRESS) {
					// ended meanwhile, or a late (re)grading of an ended interview: its report takes the verdict in
					return Flux.concat(Mono.just(verdictEvent(graded, root, verdict, false)),
							finish(interview.id()).map(InterviewEvent.Finished::new));
				}
				InterviewEvent verdictEvent = verdictEvent(graded, root, verdict, followUpDue);
				if (!asksNext) {
					return Flux.concat(Mono.just(verdictEvent),
							(latest.status() == TurnStatus.ASKED) ? Mono.just(question(latest)) : Mono.empty());
				}
				if (opened.isEmpty()) {
					return Flux.concat(Mono.just(verdictEvent), finish(interview.id()).map(InterviewEvent.Finished::new));
				}
				if (result.added()) {
					return Flux.just(verdictEvent, question(opened.get()));
				}
				// another request placed a turn at that position first: that one is asked
				return Flux.concat(Mono.just(verdictEvent), this.turns.findTurns(interview.id())
					.filter((other) -> other.position() == opened.get().position())
					.next()
					.map(Grading::question)
					.switchIfEmpty(Mono.defer(() -> finish(interview.id()).map(InterviewEvent.Finished::new))));
			}))
			.switchIfEmpty(Mono.fromSupplier(Grading::deleted));
	}

	/**
	 * Moves the interview on after {@code skipped}, a follow-up the candidate skipped: the next
	 * planned question, or the end with the report.
	 */
	Mono<Next> afterSkip(Interview interview, List<Turn> turns, Turn skipped) {
		Turn latest = turns.get(turns.size() - 1);
		if (!latest.id().equals(skipped.id())) {
			return Mono.just(new Next((latest.status() == TurnStatus.ASKED) ? latest : null, null));
		}
		return place(interview, nextQuestion(interview, turns, skipped.position() + 1, ""));
	}

	/**
	 * Stores {@code next} as the interview's next turn (or, when another request placed one at its
	 * position first, takes that one); without a next turn, finishes the interview with its report.
	 */
	private Mono<Next> place(Interview interview, Mono<Turn> next) {
		return next
			.flatMap((turn) -> this.turns.insert(turn)
				.flatMap((added) -> added ? Mono.just(turn) : this.turns.findTurns(interview.id())
					.filter((other) -> other.position() == turn.position())
					.next()))
			.map((turn) -> new Next(turn, null))
			.switchIfEmpty(Mono.defer(() -> finish(interview.id()).map((report) -> new Next(null, report))));
	}

	/**
	 * What follows: a question turn, or the report of the ended interview.
	 *
	 * @param question the turn now asked, or null
	 * @param report the report, when the interview ended
	 */
	record Next(Turn question, Report report) {
	}

	/** The planned question a turn belongs to: itself, or the question a follow-up follows up. */
	static Turn root(List<Turn> turns, Turn turn) {
		if (turn.kind() == TurnKind.QUESTION) {
			return turn;
		}
		return turns.stream().filter((other) -> other.id().equals(turn.parentTurnId())).findFirst().orElse(turn);
	}

	/**
	 * A follow-up comes when the answer left a key point missed or partly covered yet was not
	 * weak (after "不知道" or a score of at most {@value #WEAK_SCORE} probing further only hurts:
	 * the examiner moves on), the question had fewer than {@code follow-ups-per-question} (one more
	 * with a strict interviewer), and the interview is still waiting on this turn.
	 */
	private boolean followUpDue(Interview interview, List<Turn> turns, Turn graded, Turn root, Verdict verdict) {
		if (interview.status() != InterviewStatus.IN_PROGRESS || !turns.get(turns.size() - 1).id().equals(graded.id())) {
			return false;
		}
		long asked = turns.stream().filter((turn) -> root.id().equals(turn.parentTurnId())).count();
		return verdict.score() > WEAK_SCORE && asked < interview.style().followUps(this.properties.followUpsPerQuestion())
				&& verdict.keyPoints().stream().anyMatch((point) -> point.coverage() != Verdict.Coverage.COVERED);
	}

	/**
	 * The {@code verdict} event. With a follow-up due it hides the reference and the details of
	 * the points not covered; otherwise it shows the question's whole reference and key points,
	 * and for an answered follow-up names the question turn whose card may now show them.
	 */
	private static InterviewEvent.Verdict verdictEvent(Turn graded, Turn root, Verdict verdict, boolean hide) {
		return new InterviewEvent.Verdict(graded.id(), hide ? Reveal.verdict(verdict, graded.keyPoints()) : verdict,
				graded.delivery(), hide ? null : root.referenceAnswer(),
				hide ? Reveal.keyPoints(root.keyPoints(), verdict) : root.keyPoints(), !hide,
				(graded.kind() == TurnKind.FOLLOW_UP) ? root.id() : null);
	}

	private Mono<Turn> followUp(Interview interview, List<Turn> turns, Turn graded, Turn root, GradingRequest request,
			Verdict verdict) {
		// a bank that writes out its own follow-ups (an article's 追问) has them asked first, in order, each
		// graded against its own reference answer
		int asked = (int) turns.stream().filter((turn) -> root.id().equals(turn.parentTurnId())).count();
		return this.catalog.findQuestion(root.questionId())
			.filter((question) -> question.followUps().size() > asked)
			.map((question) -> question.followUps().get(asked))
			.map((written) -> new Turn(UUID.randomUUID(), interview.id(), graded.position() + 1, root.questionId(),
					root.category(), TurnKind.FOLLOW_UP, root.id(), written.text(), written.text(),
					written.referenceAnswer(), written.keyPoints().isEmpty() ? root.keyPoints() : written.keyPoints(),
					TurnStatus.ASKED, null, null, null, null, null, null, 0, null, root.origin()))
			.switchIfEmpty(Mono.defer(() -> madeUpFollowUp(interview, graded, root, request, verdict)));
	}

	private Mono<Turn> madeUpFollowUp(Interview interview, Turn graded, Turn root, GradingRequest request,
			Verdict verdict) {
		List<KeyPoint> probed = new ArrayList<>();
		verdict.keyPoints()
			.stream()
			.filter((point) -> point.coverage() != Verdict.Coverage.COVERED)
			.forEach((point) -> probed.add(point.keyPoint()));
		// the verdict went out without the details: a follow-up is asked whatever the examiner does
		String fallback = Reports.language(interview.language()).equals("zh") ? "刚才没讲到的部分，能再展开说说吗？"
				: "Could you say a little more about the part you left out?";
		return this.examiner.followUp(request, verdict)
			.timeout(this.properties.gradingTimeout())
			.filter((text) -> text != null && !text.isBlank())
			.onErrorResume((ex) -> {
				return Traces.log(() -> logger.warn("Follow-up for turn {} as a plain question: {}", graded.id(),
						ex.toString()))
					.then(Mono.empty());
			})
			.defaultIfEmpty(fallback)
			.map((text) -> new Turn(UUID.randomUUID(), interview.id(), graded.position() + 1, root.questionId(),
					root.category(), TurnKind.FOLLOW_UP, root.id(), text.strip(), text.strip(), root.referenceAnswer(),
					probed.isEmpty() ? root.keyPoints() : probed, TurnStatus.ASKED, null, null, null, null, null, null,
					0, null, root.origin()));
	}

	/** A kind word before the next question after a weak answer, varied by position, in the bank's language. */
	static String moveOn(String language, int position) {
		List<String> phrases = Reports.language(language).equals("zh") ? ZH_MOVE_ON : EN_MOVE_ON;
		return phrases.get(Math.floorMod(position, phrases.size()));
	}

	private Mono<Turn> nextQuestion(Interview interview, List<Turn> turns, int position, String lead) {
		long asked = turns.stream().filter((turn) -> turn.kind() == TurnKind.QUESTION).count();
		List<UUID> remaining = interview.questionIds().subList((int) Math.min(asked, interview.questionIds().size()),
				interview.questionIds().size());
		// a bank question, else one written for this interview (a tailored interview's)
		return Flux.fromIterable(remaining)
			.concatMap((id) -> this.catalog.findQuestion(id)
				.map((question) -> new PlannedQuestion(question, Turn.BANK, null))
				.switchIfEmpty(this.tailoring.findQuestion(interview.id(), id)))
			.next()
			.flatMap((planned) -> ask(interview.id(), position, planned.question(), planned.origin(), interview.style(),
					this.examiner,
					this.properties))
			.map((turn) -> lead.isEmpty() ? turn : turn.withSpokenText(lead + turn.spokenText()));
	}

	/** A new turn asking a bank question, in the examiner's spoken style (its text as is if that fails). */
	static Mono<Turn> ask(UUID interviewId, int position, Question question, InterviewerStyle style, Examiner examiner,
			InterviewProperties properties) {
		return ask(interviewId, position, question, Turn.BANK, style, examiner, properties);
	}

	/**
	 * As {@link #ask(UUID, int, Question, InterviewerStyle, Examiner, InterviewProperties)}, for a
	 * question of this origin.
	 */
	static Mono<Turn> ask(UUID interviewId, int position, Question question, String origin, InterviewerStyle style,
			Examiner examiner, InterviewProperties properties) {
		QuestionContext context = new QuestionContext(question.text(), question.referenceAnswer(), question.keyPoints(),
				question.language(), style);
		return examiner.spokenQuestion(context)
			.timeout(properties.gradingTimeout())
			.filter((spoken) -> !spoken.isBlank())
			.onErrorResume((ex) -> {
				return Traces.log(() -> logger.warn("Asking question {} as written: {}", question.id(), ex.toString()))
					.then(Mono.empty());
			})
			.defaultIfEmpty(question.text())
			.map((spoken) -> new Turn(UUID.randomUUID(), interviewId, position, question.id(), question.category(),
					TurnKind.QUESTION, null, spoken.strip(), question.text(), question.referenceAnswer(),
					question.keyPoints(), TurnStatus.ASKED, null, null, null, null, null, null, 0, null, origin));
	}

	/**
	 * Ends the interview with its report, or, when it has ended already (a finish, the last answer
	 * or the sweep came first), makes its report again so that it takes in every verdict stored.
	 * Under the interview's row lock: two reports never overwrite each other with older turns.
	 * Empty when the interview was deleted.
	 */
	private Mono<Report> finish(UUID interviewId) {
		return this.transactions.transactional(this.store.loadLocked(interviewId).flatMap((loaded) -> {
			Report report = Reports.of(loaded.interview(), loaded.turns());
			Mono<?> stored = (loaded.interview().status() == InterviewStatus.IN_PROGRESS)
					? this.store.end(interviewId, InterviewStatus.FINISHED, report)
					: this.store.updateReport(interviewId, report);
			return stored.thenReturn(report);
		}));
	}

	static GradingRequest request(Interview interview, List<Turn> turns, Turn turn) {
		// the style reaches the examiner's spoken follow-up; its grading never reads it
		QuestionContext context = new QuestionContext(turn.questionText(), turn.referenceAnswer(), turn.keyPoints(),
				interview.language(), interview.style());
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

	private static InterviewEvent question(Turn turn) {
		return new InterviewEvent.Question(InterviewViews.turn(turn));
	}

	private static InterviewEvent deleted() {
		return new InterviewEvent.Failed(InterviewEvent.Failed.Reason.DELETED, false);
	}

	private static InterviewEvent.Failed failed(Throwable ex, Duration timeout) {
		if (ex instanceof NoVerdictException) {
			return new InterviewEvent.Failed(InterviewEvent.Failed.Reason.NO_VERDICT, true);
		}
		if (ex instanceof TimeoutException) {
			return new InterviewEvent.Failed(InterviewEvent.Failed.Reason.TIMEOUT, true, timeout.toSeconds());
		}
		if (ex instanceof GradingFailedException && ex.getMessage() != null) {
			return new InterviewEvent.Failed(InterviewEvent.Failed.Reason.EXAMINER_FAILED, true, ex.getMessage());
		}
		return new InterviewEvent.Failed(InterviewEvent.Failed.Reason.NOT_GRADED, true);
	}

	/** The examiner's stream ended without a verdict. */
	private static final class NoVerdictException extends RuntimeException {

		NoVerdictException() {
			super("The examiner ended without a verdict.", null, false, false);
		}

	}

}
