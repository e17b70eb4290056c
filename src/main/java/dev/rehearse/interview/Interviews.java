package dev.rehearse.interview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.account.CreationLimits;
import dev.rehearse.examiner.Examiner;
import dev.rehearse.examiner.InterviewerStyle;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.review.Reviews;
import dev.rehearse.system.ApiProblem;
import dev.rehearse.tailoring.InterviewPlanner;
import dev.rehearse.tailoring.JobProfile;
import dev.rehearse.tailoring.PlannedQuestion;
import dev.rehearse.tailoring.TailoringStore;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What a candidate does with interviews: begin one, answer, re-grade, finish, review, delete. Every
 * lookup is by owner: another user's interview is simply not found.
 */
@Component
class Interviews {

	private final InterviewStore store;

	private final TurnStore turns;

	private final History history;

	private final GradingAllowance allowance;

	private final RequestValidation validation;

	private final GradingAdmission admission;

	private final GradingMeters meters;

	private final Grading grading;

	private final Examiner examiner;

	private final QuestionCatalog catalog;

	private final InterviewProperties properties;

	private final TransactionalOperator transactions;

	private final AnswerLimit answerLimit;

	private final CreationLimits creationLimits;

	private final Reviews reviews;

	private final InterviewPlanner planner;

	private final TailoringStore tailoring;

	Interviews(InterviewStore store, TurnStore turns, History history, GradingAllowance allowance,
			RequestValidation validation, GradingAdmission admission, GradingMeters meters, Grading grading, Examiner examiner, QuestionCatalog catalog,
			InterviewProperties properties, TransactionalOperator transactions, AnswerLimit answerLimit,
			CreationLimits creationLimits, InterviewPlanner planner, TailoringStore tailoring, Reviews reviews) {
		this.store = store;
		this.turns = turns;
		this.history = history;
		this.allowance = allowance;
		this.validation = validation;
		this.admission = admission;
		this.meters = meters;
		this.grading = grading;
		this.examiner = examiner;
		this.catalog = catalog;
		this.properties = properties;
		this.transactions = transactions;
		this.answerLimit = answerLimit;
		this.creationLimits = creationLimits;
		this.reviews = reviews;
		this.planner = planner;
		this.tailoring = tailoring;
	}

	// ---- beginning

	Mono<InterviewViews.InterviewView> begin(long userId, BeginRequest request) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>(this.validation.violations(request));
		String mode = (request.mode() != null) ? request.mode() : "normal";
		boolean review = BeginRequest.REVIEW.equals(mode);
		int count = (request.questionCount() != null) ? request.questionCount()
				: this.properties.defaultQuestionCount();
		if (count < 1 || count > this.properties.maxQuestionCount()) {
			errors.add(new ApiProblem.FieldMessage("questionCount", "validation.between", 1,
					this.properties.maxQuestionCount()));
		}
		List<UUID> ids = (request.questionIds() != null) ? request.questionIds() : List.of();
		List<UUID> explicit = ids.stream().filter(Objects::nonNull).distinct().toList();
		if (explicit.size() > this.properties.maxQuestionCount()) {
			errors.add(new ApiProblem.FieldMessage("questionIds", "interview.too-many-questions",
					this.properties.maxQuestionCount()));
		}
		List<String> categories = (request.categories() != null) ? request.categories() : List.of();
		JobProfile job = this.planner.accept(request.jobDescription(), request.resume());
		String bankId = (request.bankId() != null && !request.bankId().isBlank()) ? request.bankId() : null;
		// a review picks its bank from what is due
		if (job.isEmpty() && bankId == null && !review) {
			errors.add(new ApiProblem.FieldMessage("bankId", "validation.not-empty"));
		}
		if (!job.isEmpty() && !explicit.isEmpty()) {
			errors.add(new ApiProblem.FieldMessage("questionIds", "tailoring.not-with-question-ids"));
		}
		if (!job.isEmpty() && !"normal".equals(mode)) {
			errors.add(new ApiProblem.FieldMessage("mode", "tailoring.normal-mode-only"));
		}
		if (!errors.isEmpty()) {
			return Mono.error(ApiProblem.invalid(errors));
		}
		InterviewerStyle style = InterviewerStyle.of(request.style());
		if (review) {
			return review(userId, request.bankId(), count, style);
		}
		if (!job.isEmpty()) {
			return tailored(userId, bankId, categories, count, mode, job, style);
		}
		return this.catalog.bankTitle(userId, request.bankId())
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.bank-not-found", request.bankId())))
			.flatMap((title) -> (explicit.isEmpty() ? plan(userId, request.bankId(), categories, count, mode)
					: explicit(request.bankId(), explicit))
				.flatMap((questions) -> this.creationLimits.beginInterview(userId).thenReturn(questions))
				.flatMap((questions) -> start(userId, request.bankId(), title, mode, categories, questions, style)));
	}

	/**
	 * An interview of the questions due for spaced review, most overdue first, in the bank of the
	 * most overdue one (an interview has one bank; the rest stay due); a 409 when none is due.
	 */
	private Mono<InterviewViews.InterviewView> review(long userId, String bankId, int count, InterviewerStyle style) {
		String only = (bankId != null && !bankId.isBlank()) ? bankId : null;
		return this.reviews.agenda(userId, only, Instant.now()).flatMap((agenda) -> {
			if (agenda.due().isEmpty()) {
				ApiProblem problem = ApiProblem.of(HttpStatus.CONFLICT, "review.nothing-due")
					.titled("review.nothing-due.title");
				if (agenda.nextDueAt() != null) {
					problem.getBody().setProperty("nextDueAt", agenda.nextDueAt());
				}
				return Mono.error(problem);
			}
			String bank = agenda.due().get(0).bankId();
			List<UUID> due = agenda.due()
				.stream()
				.filter((question) -> question.bankId().equals(bank))
				.map(Reviews.Mastery::questionId)
				.limit(count)
				.toList();
			return this.catalog.bankTitle(userId, bank)
				.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.bank-not-found", bank)))
				.flatMap((title) -> explicit(bank, due)
					.flatMap((questions) -> this.creationLimits.beginInterview(userId).thenReturn(questions))
					.flatMap((questions) -> start(userId, bank, title, BeginRequest.REVIEW, List.of(), questions, style)));
		});
	}

	/**
	 * An interview tailored to the job: the allowance is taken before the planning, which may call
	 * the model.
	 */
	private Mono<InterviewViews.InterviewView> tailored(long userId, String bankId, List<String> categories, int count,
			String mode, JobProfile job, InterviewerStyle style) {
		Mono<String> bankKnown = (bankId != null) ? this.catalog.bankTitle(userId, bankId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.bank-not-found", bankId))) : Mono.just("");
		return bankKnown.then(this.creationLimits.beginInterview(userId))
			.then(this.planner.plan(userId, job, bankId, categories, count))
			.flatMap((plan) -> start(userId, plan.bankId(), plan.bankTitle(), mode, categories, plan.questions(),
					(id) -> this.tailoring.save(id, job, plan), style));
	}

	private Mono<List<Question>> explicit(String bankId, List<UUID> ids) {
		return Flux.fromIterable(ids)
			.concatMap((id) -> this.catalog.findQuestion(id)
				.filter((question) -> question.bankId().equals(bankId))
				.switchIfEmpty(Mono.error(() -> Problems.invalid("questionIds", "interview.question-not-in-bank", id,
						bankId))))
			.collectList();
	}

	private Mono<List<Question>> plan(long userId, String bankId, List<String> categories, int count, String mode) {
		return this.catalog.findQuestions(userId, bankId, categories).collectList().flatMap((available) -> {
			if (available.isEmpty()) {
				return Mono.error(categories.isEmpty() ? Problems.invalid("categories", "interview.no-questions-in-bank")
						: Problems.invalid("categories", "interview.no-questions-in-categories",
								String.join(", ", categories)));
			}
			List<Question> shuffled = new ArrayList<>(available);
			Collections.shuffle(shuffled);
			if (!"weak-spots".equals(mode)) {
				return Mono.just(shuffled.subList(0, Math.min(count, shuffled.size())));
			}
			Map<UUID, Question> byId = available.stream()
				.collect(Collectors.toMap(Question::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
			return this.history.scoresByQuestion(userId, bankId).collectList().map((scores) -> {
				// weakest first; then questions never answered; then the rest
				List<Question> planned = new ArrayList<>();
				Set<UUID> answered = scores.stream().map(History.QuestionScore::questionId).collect(Collectors.toSet());
				scores.stream().map((score) -> byId.get(score.questionId())).filter((q) -> q != null).forEach(planned::add);
				shuffled.stream().filter((q) -> !answered.contains(q.id())).forEach(planned::add);
				return planned.subList(0, Math.min(count, planned.size()));
			});
		});
	}

	private Mono<InterviewViews.InterviewView> start(long userId, String bankId, String title, String mode,
			List<String> categories, List<Question> questions, InterviewerStyle style) {
		return start(userId, bankId, title, mode, categories,
				questions.stream().map((question) -> new PlannedQuestion(question, Turn.BANK, null)).toList(),
				(id) -> Mono.empty(), style);
	}

	/** Begins the interview; {@code alongside} stores what else it has, in the same transaction. */
	private Mono<InterviewViews.InterviewView> start(long userId, String bankId, String title, String mode,
			List<String> categories, List<PlannedQuestion> questions, Function<UUID, Mono<Void>> alongside,
			InterviewerStyle style) {
		PlannedQuestion first = questions.get(0);
		UUID id = UUID.randomUUID();
		Interview interview = new Interview(id, userId, bankId, title, first.question().language(), mode,
				InterviewStatus.IN_PROGRESS, questions.stream().map((planned) -> planned.question().id()).toList(),
				categories, this.examiner.info(), null, Instant.now(), null, style);
		return Grading.ask(id, 1, first.question(), first.origin(), style, this.examiner, this.properties)
			.flatMap((turn) -> this.transactions
				.transactional(this.store.insert(interview).then(alongside.apply(id)).then(this.turns.insert(turn))))
			.then(view(id, userId));
	}

	// ---- answering

	/**
	 * Saves the answer (committed before this Mono emits) and starts grading it; the stream
	 * begins with {@code saved}. One statement saves the answer, claims its grading and takes it
	 * from the user's allowance (a transaction only when the answer must also be queued).
	 */
	Mono<Flux<InterviewEvent>> answer(long userId, UUID interviewId, UUID turnId, AnswerRequest request) {
		long arrived = System.nanoTime();
		String text = validate(request);
		String inputMode = (request.inputMode() != null) ? request.inputMode() : "text";
		return ownedForGrading(interviewId, userId).flatMap((loaded) -> {
			Turn turn = turn(loaded, turnId);
			loaded.interview().status().requireAnswerable();
			turn.status().requireUnanswered();
			UUID lease = UUID.randomUUID();
			Turn.Answer answer = new Turn.Answer(text, inputMode, request.durationSeconds(), null);
			Delivery delivery = Delivery.of(text, inputMode, request.durationSeconds(), request.pauseCount(),
					request.longestPauseSeconds());
			Mono<Turn> saved = this.turns.saveAnswer(interviewId, turnId, answer, delivery, lease, this.allowance)
				.flatMap((result) -> {
					if (result.turn() != null) {
						return Mono.just(result.turn());
					}
					return result.refused()
							? this.allowance.refusal(userId, result.allowanceWait()).flatMap(Mono::<Turn>error)
							: whyNotSaved(userId, interviewId, turnId);
				});
			return admit(loaded, turnId, lease, saved, true, arrived);
		});
	}

	Mono<Flux<InterviewEvent>> regrade(long userId, UUID interviewId, UUID turnId) {
		return ownedForGrading(interviewId, userId).flatMap((loaded) -> {
			Turn turn = turn(loaded, turnId);
			UUID lease = UUID.randomUUID();
			Mono<Turn> claimed = this.turns.claimForRegrade(interviewId, turnId, this.properties.sweep().staleAfter(), lease)
				.switchIfEmpty(Mono.error(() -> {
					if (turn.status() == TurnStatus.GRADING) {
						return new IllegalTransitionException("interview.being-graded");
					}
					turn.status().moveTo(TurnStatus.GRADING);
					return new IllegalTransitionException("interview.cannot-regrade-now");
				}))
				.flatMap((claimedTurn) -> this.allowance.take(userId).thenReturn(claimedTurn));
			return admit(loaded, turnId, lease, claimed, false, 0);
		});
	}

	/**
	 * Commits {@code claim} (an answer's save, or a regrade's claim) and starts the grading with a
	 * grader of this instance if one is free; otherwise the same transaction queues the answer, and
	 * the events follow the queue ({@link GradingAdmission}). A claim of {@code oneStatement} needs
	 * no transaction of its own when admitted at once (the common path). For a new answer
	 * ({@code arrived}, its {@link System#nanoTime} on arrival, not 0) the events begin with
	 * {@code saved}, and it is metered.
	 */
	private Mono<Flux<InterviewEvent>> admit(InterviewStore.Loaded loaded, UUID turnId, UUID lease, Mono<Turn> claim,
			boolean oneStatement, long arrived) {
		boolean saved = arrived != 0;
		java.util.function.Consumer<InterviewEvent> observer = saved ? this.meters.observe(arrived)
				: this.meters.observeAgain(GradingMeters.Source.REGRADE);
		return Mono.defer(() -> {
			boolean admitted = this.admission.tryAcquire();
			GradingAdmission.Waiter waiter = admitted ? null : this.admission.expect(turnId, observer);
			AtomicBoolean handedOver = new AtomicBoolean();
			Mono<Turn> committed = admitted ? claim
					: claim.flatMap((turn) -> this.turns.enqueue(turnId, lease).thenReturn(turn));
			return ((admitted && oneStatement) ? committed : this.transactions.transactional(committed)).map((turn) -> {
				handedOver.set(true);
				if (saved) {
					this.meters.saved(arrived);
				}
				Flux<InterviewEvent> events = admitted
						? this.admission.admitted(loaded.interview(), loaded.with(turn).turns(), turn, lease, observer)
						: this.admission.queued(waiter);
				return saved ? Flux.concat(Mono.just(new InterviewEvent.Saved(turnId, turn.answer().answeredAt())), events)
						: events;
			}).doFinally((signal) -> {
				if (!handedOver.get()) {
					// refused, failed or cancelled before the commit was handed over: nothing to grade here
					if (admitted) {
						this.admission.release();
					}
					else {
						this.admission.forget(waiter);
					}
				}
			});
		});
	}

	/**
	 * Skips an open follow-up: the question it followed up is revealed, and the interview moves on
	 * to the next question or ends with its report.
	 */
	Mono<InterviewViews.SkipView> skip(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).flatMap((loaded) -> {
			Turn turn = turn(loaded, turnId);
			if (turn.kind() != TurnKind.FOLLOW_UP) {
				throw new IllegalTransitionException("interview.only-follow-ups-skip");
			}
			loaded.interview().status().requireAnswerable();
			turn.status().moveTo(TurnStatus.SKIPPED);
			return this.turns.skip(interviewId, turnId)
				.switchIfEmpty(Mono.defer(() -> whyNotSkipped(userId, interviewId, turnId)))
				.flatMap((skipped) -> {
					Turn parent = turn(loaded, skipped.parentTurnId());
					return this.grading.afterSkip(loaded.interview(), loaded.with(skipped).turns(), skipped).map((next) -> {
						InterviewViews.Revealed revealed = new InterviewViews.Revealed(parent.id(),
								parent.referenceAnswer(), parent.keyPoints(), parent.verdict());
						return new InterviewViews.SkipView(InterviewViews.turn(skipped), revealed,
								(next.question() != null) ? InterviewViews.turn(next.question()) : null, next.report());
					});
				})
				// deleted right after the skip
				.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.not-found")));
		});
	}

	/**
	 * The error of an answer that lost a race, saying what happened in between: the interview was
	 * deleted (404) or ended, or the question was answered or skipped (409).
	 */
	private Mono<Turn> whyNotSaved(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).flatMap((now) -> {
			now.interview().status().requireAnswerable();
			turn(now, turnId).status().requireUnanswered();
			return Mono.error(new IllegalTransitionException("interview.already-answered"));
		});
	}

	/** The 409 of a skip that lost a race: says what happened in between. */
	private Mono<Turn> whyNotSkipped(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).flatMap((now) -> {
			now.interview().status().requireAnswerable();
			turn(now, turnId).status().moveTo(TurnStatus.SKIPPED);
			return Mono.error(new IllegalTransitionException("interview.cannot-skip-now"));
		});
	}

	private String validate(AnswerRequest request) {
		List<ApiProblem.FieldMessage> errors = this.validation.violations(request);
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		String text = request.text().strip();
		this.answerLimit.check(text);
		return text;
	}

	// ---- ending and reviewing

	Mono<InterviewViews.InterviewView> finish(long userId, UUID interviewId) {
		return owned(interviewId, userId).flatMap((loaded) -> {
			loaded.interview().status().moveTo(InterviewStatus.FINISHED);
			// under the interview's row lock: no turn is added and no verdict stored while the report is made
			Mono<Boolean> ended = this.store.loadLocked(interviewId)
				.filter((locked) -> locked.interview().status() == InterviewStatus.IN_PROGRESS)
				.flatMap((locked) -> this.store.end(interviewId, InterviewStatus.FINISHED,
						Reports.of(locked.interview(), locked.turns())))
				.defaultIfEmpty(false);
			// lost a race: deleted meanwhile (404), or ended by the last answer or another finish (409)
			return this.transactions.transactional(ended)
				.flatMap((ok) -> ok ? view(interviewId, userId)
						: owned(interviewId, userId).flatMap((now) -> Mono.error(
								new IllegalTransitionException("interview.ended-as", now.interview().status().described()))));
		});
	}

	Mono<InterviewViews.InterviewView> view(UUID interviewId, long userId) {
		return owned(interviewId, userId).flatMap((loaded) -> this.tailoring.find(interviewId)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.map((tailoring) -> InterviewViews.interview(loaded.interview(), loaded.turns(), tailoring.orElse(null))));
	}

	Mono<InterviewViews.Page> list(long userId, int page, int size) {
		if (page < 0 || size < 1 || size > 100) {
			return Mono.error(Problems.invalid("size", "interview.page"));
		}
		return this.store.list(userId, page, size)
			.map(InterviewViews::summary)
			.collectList()
			.zipWith(this.store.count(userId), (items, total) -> new InterviewViews.Page(items, page, size, total));
	}

	Mono<Void> delete(long userId, UUID interviewId) {
		return this.store.delete(interviewId, userId)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(Problems.notFound("interview.not-found")));
	}

	Mono<String> markdown(long userId, UUID interviewId) {
		return owned(interviewId, userId).map((loaded) -> Reports.markdown(loaded.interview(), loaded.turns(),
				Reports.current(loaded.interview(), loaded.turns())));
	}

	/** The report: the stored one once ended, else one over the answers graded so far. */
	Mono<Report> report(long userId, UUID interviewId) {
		return owned(interviewId, userId).map((loaded) -> Reports.current(loaded.interview(), loaded.turns()));
	}

	Mono<InterviewViews.Progress> progress(long userId) {
		return this.history.progress(userId);
	}

	private Mono<InterviewStore.Loaded> owned(UUID interviewId, long userId) {
		return this.store.loadOwned(interviewId, userId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.not-found")));
	}

	/** As {@link #owned}, loaded for grading an answer ({@link InterviewStore#loadOwnedForGrading}). */
	private Mono<InterviewStore.Loaded> ownedForGrading(UUID interviewId, long userId) {
		return this.store.loadOwnedForGrading(interviewId, userId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.not-found")));
	}

	private static Turn turn(InterviewStore.Loaded loaded, UUID turnId) {
		Turn turn = loaded.turn(turnId);
		if (turn == null) {
			throw Problems.notFound("interview.turn-not-found");
		}
		return turn;
	}

}
