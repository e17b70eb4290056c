package dev.rehearse.interview;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Grades again what was left behind: answers whose grading failed, and gradings whose instance
 * died before storing a verdict. Each instance sweeps; turns are claimed with
 * {@code FOR UPDATE SKIP LOCKED} under a new lease, so no turn is graded by two at once. Also
 * marks long-untouched interviews abandoned (with their report).
 */
@Component
@ConditionalOnProperty(name = "rehearse.interview.sweep.enabled", havingValue = "true", matchIfMissing = true)
class GradingSweep {

	private static final Logger logger = LoggerFactory.getLogger(GradingSweep.class);

	private final InterviewStore store;

	private final TurnStore turns;

	private final Grading grading;

	private final InterviewProperties properties;

	private final GradingMeters meters;

	GradingSweep(InterviewStore store, TurnStore turns, Grading grading, InterviewProperties properties,
			GradingMeters meters) {
		this.store = store;
		this.turns = turns;
		this.grading = grading;
		this.properties = properties;
		this.meters = meters;
	}

	@Scheduled(fixedDelayString = "${rehearse.interview.sweep.interval:1m}",
			initialDelayString = "${rehearse.interview.sweep.interval:1m}")
	Mono<Void> sweep() {
		return regradeLeftBehind().then(abandonIdle()).onErrorResume((ex) -> {
			logger.warn("Sweep failed; trying again next time", ex);
			return Mono.empty();
		});
	}

	/** Claims and grades turns left behind; completes when their gradings have ended. */
	Mono<Long> regradeLeftBehind() {
		InterviewProperties.Sweep sweep = this.properties.sweep();
		return this.turns.claimForSweep(sweep.staleAfter(), sweep.maxAttempts(), sweep.batchSize())
			.doOnNext((claimed) -> logger.info("Grading turn {} again (attempt {})", claimed.turn().id(),
					claimed.turn().attempts()))
			.concatMap((claimed) -> this.store.loadForGrading(claimed.turn().interviewId())
				.flatMapMany((loaded) -> this.grading.start(loaded.interview(), loaded.turns(), claimed.turn(),
						claimed.lease(), () -> {
						}, this.meters.observeAgain(GradingMeters.Source.SWEEP)))
				.ofType(InterviewEvent.Failed.class)
				.doOnNext((failed) -> logger.warn("Grading turn {} again failed: {}", claimed.turn().id(), failed.reason()))
				.then(Mono.just(1L)))
			.count();
	}

	private Mono<Void> abandonIdle() {
		return this.store.findIdle(this.properties.abandonAfter(), 50)
			.concatMap((id) -> this.store.load(id)
				.flatMap((loaded) -> this.store.end(id, InterviewStatus.ABANDONED,
						Reports.of(loaded.interview(), loaded.turns()))))
			.then();
	}

}
