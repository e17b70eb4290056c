package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.account.CreationLimits;
import dev.rehearse.examiner.Examiner;
import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What a candidate does with interviews: begin one, answer, re-grade, finish, review, delete. Every
 * lookup is by owner: another user's interview is simply not found.
 */
@Component
class Interviews {

	static final Set<String> MODES = Set.of("normal", "weak-spots");

	/** Longest bank id or category name taken; longer ones are no name of ours. */
	private static final int MAX_NAME_LENGTH = 200;

	private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

	private final InterviewStore store;

	private final Grading grading;

	private final Examiner examiner;

	private final QuestionCatalog catalog;

	private final InterviewProperties properties;

	private final TransactionalOperator transactions;

	private final AnswerLimit answerLimit;

	private final CreationLimits creationLimits;

	Interviews(InterviewStore store, Grading grading, Examiner examiner, QuestionCatalog catalog,
			InterviewProperties properties, TransactionalOperator transactions, AnswerLimit answerLimit,
			CreationLimits creationLimits) {
		this.store = store;
		this.grading = grading;
		this.examiner = examiner;
		this.catalog = catalog;
		this.properties = properties;
		this.transactions = transactions;
		this.answerLimit = answerLimit;
		this.creationLimits = creationLimits;
	}

	// ---- beginning

	Mono<InterviewViews.InterviewView> begin(long userId, InterviewController.BeginRequest request) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>();
		if (request.bankId() == null || request.bankId().isBlank()) {
			errors.add(new ApiProblem.FieldMessage("bankId", "validation.not-empty"));
		}
		else if (request.bankId().length() > MAX_NAME_LENGTH) {
			errors.add(new ApiProblem.FieldMessage("bankId", "validation.too-long", MAX_NAME_LENGTH));
		}
		String mode = (request.mode() != null) ? request.mode() : "normal";
		if (!MODES.contains(mode)) {
			errors.add(new ApiProblem.FieldMessage("mode", "validation.one-of", "normal", "weak-spots"));
		}
		int count = (request.questionCount() != null) ? request.questionCount()
				: this.properties.defaultQuestionCount();
		if (count < 1 || count > this.properties.maxQuestionCount()) {
			errors.add(new ApiProblem.FieldMessage("questionCount", "validation.between", 1,
					this.properties.maxQuestionCount()));
		}
		List<UUID> ids = (request.questionIds() != null) ? request.questionIds() : List.of();
		if (ids.stream().anyMatch(Objects::isNull)) {
			errors.add(new ApiProblem.FieldMessage("questionIds", "validation.no-nulls"));
		}
		List<UUID> explicit = ids.stream().filter(Objects::nonNull).distinct().toList();
		if (explicit.size() > this.properties.maxQuestionCount()) {
			errors.add(new ApiProblem.FieldMessage("questionIds", "interview.too-many-questions",
					this.properties.maxQuestionCount()));
		}
		List<String> categories = (request.categories() != null) ? request.categories() : List.of();
		if (categories.stream().anyMatch(Objects::isNull)) {
			errors.add(new ApiProblem.FieldMessage("categories", "validation.no-nulls"));
		}
		else if (categories.stream().anyMatch((category) -> category.length() > MAX_NAME_LENGTH)) {
			errors.add(new ApiProblem.FieldMessage("categories", "validation.too-long", MAX_NAME_LENGTH));
		}
		if (!errors.isEmpty()) {
			return Mono.error(ApiProblem.invalid(errors));
		}
		return this.catalog.bankExists(request.bankId())
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.bank-not-found", request.bankId())))
			.flatMap((exists) -> explicit.isEmpty() ? plan(userId, request.bankId(), categories, count, mode)
					: explicit(request.bankId(), explicit))
			.flatMap((questions) -> this.creationLimits.beginInterview(userId).thenReturn(questions))
			.flatMap((questions) -> start(userId, request.bankId(), mode, categories, questions));
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
		return this.catalog.findQuestions(bankId, categories).collectList().flatMap((available) -> {
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
			return this.store.scoresByQuestion(userId, bankId).collectList().map((scores) -> {
				// weakest first; then questions never answered; then the rest
				List<Question> planned = new ArrayList<>();
				Set<UUID> answered = scores.stream().map(InterviewStore.QuestionScore::questionId).collect(Collectors.toSet());
				scores.stream().map((score) -> byId.get(score.questionId())).filter((q) -> q != null).forEach(planned::add);
				shuffled.stream().filter((q) -> !answered.contains(q.id())).forEach(planned::add);
				return planned.subList(0, Math.min(count, planned.size()));
			});
		});
	}

	private Mono<InterviewViews.InterviewView> start(long userId, String bankId, String mode, List<String> categories,
			List<Question> questions) {
		Question first = questions.get(0);
		UUID id = UUID.randomUUID();
		return this.store.bankTitle(bankId).defaultIfEmpty(bankId).flatMap((title) -> {
			Interview interview = new Interview(id, userId, bankId, title, first.language(), mode,
					InterviewStatus.IN_PROGRESS, questions.stream().map(Question::id).toList(), categories,
					this.examiner.info(), null, Instant.now(), null);
			return Grading.ask(id, 1, first, this.examiner, this.properties)
				.flatMap((turn) -> this.transactions
					.transactional(this.store.insert(interview).then(this.store.insert(turn))))
				.then(view(id, userId));
		});
	}

	// ---- answering

	/**
	 * Saves the answer (committed before this Mono emits) and starts grading it; the stream
	 * begins with {@code saved}.
	 */
	Mono<Flux<ServerSentEvent<Object>>> answer(long userId, UUID interviewId, UUID turnId,
			InterviewController.AnswerRequest request) {
		String text = validate(request);
		String inputMode = (request.inputMode() != null) ? request.inputMode() : "text";
		return owned(interviewId, userId).flatMap((interview) -> turn(interviewId, turnId).flatMap((turn) -> {
			interview.status().requireAnswerable();
			turn.status().requireUnanswered();
			UUID lease = UUID.randomUUID();
			Turn.Answer answer = new Turn.Answer(text, inputMode, request.durationSeconds(), null);
			Delivery delivery = Delivery.of(text, inputMode, request.durationSeconds(), request.pauseCount(),
					request.longestPauseSeconds());
			Mono<Instant> saved = this.store.saveAnswer(interviewId, turnId, answer, delivery, lease)
				.switchIfEmpty(Mono.defer(() -> whyNotSaved(userId, interviewId, turnId)))
				.flatMap((answeredAt) -> limit(userId).thenReturn(answeredAt));
			return this.transactions.transactional(saved)
				.flatMap((answeredAt) -> turn(interviewId, turnId)
					.map((gradingTurn) -> Flux.concat(Mono.just(Grading.saved(turnId, answeredAt)),
							this.grading.start(gradingTurn, lease))));
		}));
	}

	Mono<Flux<ServerSentEvent<Object>>> regrade(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).flatMap((interview) -> turn(interviewId, turnId).flatMap((turn) -> {
			UUID lease = UUID.randomUUID();
			Mono<Turn> claimed = this.store.claimForRegrade(interviewId, turnId, this.properties.sweep().staleAfter(), lease)
				.switchIfEmpty(Mono.error(() -> {
					if (turn.status() == TurnStatus.GRADING) {
						return new IllegalTransitionException("interview.being-graded");
					}
					turn.status().moveTo(TurnStatus.GRADING);
					return new IllegalTransitionException("interview.cannot-regrade-now");
				}))
				.flatMap((claimedTurn) -> limit(userId).thenReturn(claimedTurn));
			return this.transactions.transactional(claimed).map((claimedTurn) -> this.grading.start(claimedTurn, lease));
		}));
	}

	/**
	 * Skips an open follow-up: the question it followed up is revealed, and the interview moves on
	 * to the next question or ends with its report.
	 */
	Mono<InterviewViews.SkipView> skip(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).flatMap((interview) -> turn(interviewId, turnId).flatMap((turn) -> {
			if (turn.kind() != TurnKind.FOLLOW_UP) {
				throw new IllegalTransitionException("interview.only-follow-ups-skip");
			}
			interview.status().requireAnswerable();
			turn.status().moveTo(TurnStatus.SKIPPED);
			return this.store.skip(interviewId, turnId)
				.switchIfEmpty(Mono.defer(() -> whyNotSkipped(userId, interviewId, turnId)))
				.flatMap((skipped) -> Mono.zip(turn(interviewId, skipped.parentTurnId()),
						this.grading.afterSkip(interviewId, skipped), (parent, next) -> {
							InterviewViews.Revealed revealed = new InterviewViews.Revealed(parent.id(),
									parent.referenceAnswer(), parent.keyPoints(), parent.verdict());
							return new InterviewViews.SkipView(InterviewViews.turn(skipped), revealed,
									(next.question() != null) ? InterviewViews.turn(next.question()) : null,
									next.report());
						}))
				// deleted right after the skip
				.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.not-found")));
		}));
	}

	/**
	 * The error of an answer that lost a race, saying what happened in between: the interview was
	 * deleted (404) or ended, or the question was answered or skipped (409).
	 */
	private Mono<Instant> whyNotSaved(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).zipWith(turn(interviewId, turnId)).flatMap((now) -> {
			now.getT1().status().requireAnswerable();
			now.getT2().status().requireUnanswered();
			return Mono.error(new IllegalTransitionException("interview.already-answered"));
		});
	}

	/** The 409 of a skip that lost a race: says what happened in between. */
	private Mono<Turn> whyNotSkipped(long userId, UUID interviewId, UUID turnId) {
		return owned(interviewId, userId).zipWith(turn(interviewId, turnId)).flatMap((now) -> {
			now.getT1().status().requireAnswerable();
			now.getT2().status().moveTo(TurnStatus.SKIPPED);
			return Mono.error(new IllegalTransitionException("interview.cannot-skip-now"));
		});
	}

	private String validate(InterviewController.AnswerRequest request) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>();
		String text = (request.text() != null) ? request.text().strip() : "";
		if (text.isEmpty()) {
			errors.add(new ApiProblem.FieldMessage("text", "validation.not-empty"));
		}
		if (request.inputMode() != null && !Set.of("text", "voice").contains(request.inputMode())) {
			errors.add(new ApiProblem.FieldMessage("inputMode", "validation.one-of", "text", "voice"));
		}
		// under a second is no spoken answer, and would make the pace absurd (words per minute)
		if (request.durationSeconds() != null
				&& (request.durationSeconds().isNaN() || request.durationSeconds() < 1 || request.durationSeconds() > 3600)) {
			errors.add(new ApiProblem.FieldMessage("durationSeconds", "interview.duration"));
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		this.answerLimit.check(text);
		return text;
	}

	/** Takes one grading from the user's allowance, or fails with 429 and when to retry. */
	private Mono<Void> limit(long userId) {
		int perMinute = this.properties.rateLimit().answersPerMinute();
		if (perMinute <= 0) {
			return Mono.empty();
		}
		return this.store.grantGrading(userId, perMinute, RATE_WINDOW).flatMap((wait) -> {
			if (wait.isZero()) {
				return Mono.empty();
			}
			// whole seconds, rounded up: "try again in 0 seconds" would be retried too early
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			ApiProblem limited = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "interview.rate-limited", perMinute, seconds)
				.titled("interview.rate-limited.title");
			limited.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return Mono.error(limited);
		});
	}

	// ---- ending and reviewing

	Mono<InterviewViews.InterviewView> finish(long userId, UUID interviewId) {
		return owned(interviewId, userId).flatMap((interview) -> {
			interview.status().moveTo(InterviewStatus.FINISHED);
			// under the interview's row lock: no turn is added and no verdict stored while the report is made
			Mono<Boolean> ended = this.store.lock(interviewId)
				.filter((locked) -> locked.status() == InterviewStatus.IN_PROGRESS)
				.flatMap((locked) -> this.store.findTurns(interviewId)
					.collectList()
					.flatMap((turns) -> this.store.end(interviewId, InterviewStatus.FINISHED, Reports.of(locked, turns))))
				.defaultIfEmpty(false);
			// lost a race: deleted meanwhile (404), or ended by the last answer or another finish (409)
			return this.transactions.transactional(ended)
				.flatMap((ok) -> ok ? view(interviewId, userId)
						: owned(interviewId, userId).flatMap((now) -> Mono
							.error(new IllegalTransitionException("interview.ended-as", now.status().described()))));
		});
	}

	Mono<InterviewViews.InterviewView> view(UUID interviewId, long userId) {
		return owned(interviewId, userId).zipWith(this.store.findTurns(interviewId).collectList(),
				InterviewViews::interview);
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
		return owned(interviewId, userId).zipWith(this.store.findTurns(interviewId).collectList(),
				(interview, turns) -> Reports.markdown(interview, turns, Reports.current(interview, turns)));
	}

	/** The report: the stored one once ended, else one over the answers graded so far. */
	Mono<Report> report(long userId, UUID interviewId) {
		return owned(interviewId, userId).zipWith(this.store.findTurns(interviewId).collectList(), Reports::current);
	}

	Mono<InterviewViews.Progress> progress(long userId) {
		Mono<List<InterviewViews.CategoryProgress>> categories = this.store.gradedAnswers(userId)
			.collectList()
			.map((answers) -> {
				Map<List<String>, List<InterviewStore.GradedAnswer>> grouped = new LinkedHashMap<>();
				answers.forEach((a) -> grouped.computeIfAbsent(List.of(a.bankId(), a.category()), (k) -> new ArrayList<>())
					.add(a));
				return grouped.entrySet().stream().map((entry) -> {
					List<InterviewStore.GradedAnswer> list = entry.getValue();
					double average = list.stream().mapToDouble(InterviewStore.GradedAnswer::score).average().orElse(0);
					return new InterviewViews.CategoryProgress(entry.getKey().get(0), entry.getKey().get(1),
							Math.round(average * 10) / 10.0, list.size(),
							list.stream().map((a) -> new InterviewViews.Point(a.at(), a.score())).toList());
				}).toList();
			});
		Mono<List<InterviewViews.OverallPoint>> overall = this.store.endedWithScore(userId).collectList();
		return Mono.zip(categories, overall, InterviewViews.Progress::new);
	}

	private Mono<Interview> owned(UUID interviewId, long userId) {
		return this.store.findInterview(interviewId, userId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.not-found")));
	}

	private Mono<Turn> turn(UUID interviewId, UUID turnId) {
		return this.store.findTurn(interviewId, turnId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("interview.turn-not-found")));
	}

}
