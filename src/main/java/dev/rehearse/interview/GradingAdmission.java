package dev.rehearse.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Admission control: at most {@code rehearse.interview.max-concurrent-gradings} gradings run at
 * once on this instance. An answer beyond that is saved all the same, then waits in the
 * {@code grading_queue} table in arrival order; whenever a grader frees up, and every
 * {@value #TICK_MILLIS} ms, an instance with free graders takes the oldest answer of all
 * instances. While an answer waits its stream sends {@code queued {position}}; when this instance
 * takes it, its grading streams as usual; when another instance took it, the stream reports what
 * that grading stored once it is done. A waiting answer holds no more than a small record here:
 * the backlog is rows, not heap.
 */
@Component
class GradingAdmission {

	private static final Logger logger = LoggerFactory.getLogger(GradingAdmission.class);

	static final long TICK_MILLIS = 250;

	private final Semaphore graders;

	private final int maxConcurrent;

	private final TurnStore turns;

	private final InterviewStore store;

	private final Grading grading;

	/** The answers queued by this instance whose streams wait here, by turn id. */
	private final Map<UUID, Waiter> waiters = new ConcurrentHashMap<>();

	private final AtomicBoolean dispatching = new AtomicBoolean();

	private volatile long queuedEverywhere;

	GradingAdmission(InterviewProperties properties, TurnStore turns, InterviewStore store, Grading grading) {
		this.maxConcurrent = properties.maxConcurrentGradings();
		this.graders = new Semaphore(this.maxConcurrent);
		this.turns = turns;
		this.store = store;
		this.grading = grading;
	}

	/** A grader for a new answer, if one is free: then the caller must {@link #admitted} or {@link #release}. */
	boolean tryAcquire() {
		return this.graders.tryAcquire();
	}

	/** Gives back a grader that was not used after all. */
	void release() {
		this.graders.release();
		dispatchSoon();
	}

	/** Gradings running on this instance. */
	int active() {
		return this.maxConcurrent - this.graders.availablePermits();
	}

	/** Answers waiting in the queue of all instances, as last counted. */
	long queued() {
		return this.queuedEverywhere;
	}

	/** Grades an answer with the grader taken by {@link #tryAcquire}; it is given back when the grading ends. */
	Flux<InterviewEvent> admitted(Interview interview, List<Turn> turns, Turn turn, UUID lease,
			Consumer<InterviewEvent> observer) {
		return this.grading.start(interview, turns, turn, lease, this::release, observer);
	}

	/**
	 * Notes that an answer of this instance is about to be queued; call before committing the
	 * queue row, so that this instance knows it when it takes the row.
	 */
	Waiter expect(UUID turnId, Consumer<InterviewEvent> observer) {
		Waiter waiter = new Waiter(turnId, observer);
		this.waiters.put(turnId, waiter);
		return waiter;
	}

	/** Forgets an answer that was not queued after all (its transaction failed). */
	void forget(Waiter waiter) {
		this.waiters.remove(waiter.turnId, waiter);
	}

	/** The queued answer's events: queued {position} until it is graded, then its grading's. */
	Flux<InterviewEvent> queued(Waiter waiter) {
		waiter.committed = true;
		dispatchSoon();
		return Flux.concat(
				waiter.places.asFlux().distinctUntilChanged().map(InterviewEvent.Queued::new)
					.takeUntilOther(waiter.started.asMono()),
				waiter.started.asMono().flatMapMany((events) -> events));
	}

	private long ticks;

	@Scheduled(fixedDelay = TICK_MILLIS, initialDelay = TICK_MILLIS)
	void tick() {
		// an idle instance looks for other instances' queued answers once a second, a busy one every tick
		if (this.waiters.isEmpty() && this.queuedEverywhere == 0 && (this.ticks++ % 4) != 0) {
			return;
		}
		dispatch().subscribe();
	}

	private void dispatchSoon() {
		dispatch().subscribe();
	}

	/** Takes queued answers while graders are free, then tells the waiting streams their places. */
	Mono<Void> dispatch() {
		if (!this.dispatching.compareAndSet(false, true)) {
			return Mono.empty();
		}
		return takeNext().then(Mono.defer(this::report))
			.onErrorResume((ex) -> {
				logger.warn("Could not take the next queued answer; trying again shortly", ex);
				return Mono.empty();
			})
			.doFinally((signal) -> this.dispatching.set(false));
	}

	private Mono<Void> takeNext() {
		if (!this.graders.tryAcquire()) {
			return Mono.empty();
		}
		return this.turns.dequeue()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume((ex) -> {
				this.graders.release();
				return Mono.error(ex);
			})
			.flatMap((claimed) -> {
				if (claimed.isEmpty()) {
					this.graders.release();
					return Mono.empty();
				}
				return start(claimed.get()).then(Mono.defer(this::takeNext));
			});
	}

	/** Grades a turn taken from the queue; its stream (here or on another instance) follows. */
	private Mono<Void> start(TurnStore.Claimed claimed) {
		UUID turnId = claimed.turn().id();
		return this.store.loadForGrading(claimed.turn().interviewId()).map((loaded) -> {
			Waiter waiter = this.waiters.remove(turnId);
			Flux<InterviewEvent> events = this.grading.start(loaded.interview(), loaded.with(claimed.turn()).turns(),
					claimed.turn(), claimed.lease(), this::release, (waiter != null) ? waiter.observer : (event) -> {
					});
			if (waiter != null) {
				waiter.started.tryEmitValue(events);
			}
			return loaded;
		}).switchIfEmpty(Mono.fromRunnable(this.graders::release)).onErrorResume((ex) -> {
			this.graders.release();
			logger.warn("Could not start grading queued turn {}; the sweep grades it later", turnId, ex);
			return Mono.empty();
		}).then();
	}

	/**
	 * Tells each waiting stream its place; a stream whose answer left the queue without being
	 * started here was taken by another instance (or the sweep), and reports what that grading
	 * stored once it is done.
	 */
	private Mono<Void> report() {
		List<UUID> ids = new ArrayList<>(this.waiters.keySet());
		return this.turns.queuePlaces(ids).flatMap((places) -> {
			this.queuedEverywhere = places.total();
			List<UUID> gone = new ArrayList<>();
			for (UUID id : ids) {
				Waiter waiter = this.waiters.get(id);
				Integer place = places.places().get(id);
				if (waiter == null) {
					continue;
				}
				if (place != null) {
					waiter.places.tryEmitNext(place);
				}
				else if (waiter.seenQueued || (waiter.committed && waiter.ticksUnseen++ > 4)) {
					// queued, now gone, not started here: taken elsewhere (the grace covers a commit not yet visible)
					gone.add(id);
				}
				if (place != null) {
					waiter.seenQueued = true;
				}
			}
			return Flux.fromIterable(gone).concatMap(this::followElsewhere).then();
		});
	}

	private Mono<Void> followElsewhere(UUID turnId) {
		Waiter waiter = this.waiters.get(turnId);
		if (waiter == null) {
			return Mono.empty();
		}
		return this.turns.findTurns(List.of(turnId)).next().flatMap((turn) -> {
			if (turn.status() != TurnStatus.GRADED && turn.status() != TurnStatus.FAILED) {
				// still being graded elsewhere: look again next tick
				return Mono.empty();
			}
			return this.store.load(turn.interviewId()).doOnNext((loaded) -> {
				if (this.waiters.remove(turnId, waiter)) {
					waiter.started.tryEmitValue(Grading.fromStored(loaded.interview(), loaded.turns(), turnId)
						.doOnNext(waiter.observer)
						.cache());
				}
			}).then();
		}).switchIfEmpty(Mono.fromRunnable(() -> {
			// the interview was deleted
			if (this.waiters.remove(turnId, waiter)) {
				waiter.started.tryEmitValue(
						Flux.just(new InterviewEvent.Failed(InterviewEvent.Failed.Reason.DELETED, false)));
			}
		}));
	}

	/** An answer of this instance waiting in the queue, and its stream's two halves. */
	static final class Waiter {

		private final UUID turnId;

		private final Sinks.Many<Integer> places = Sinks.many().replay().latest();

		private final Sinks.One<Flux<InterviewEvent>> started = Sinks.one();

		private final Consumer<InterviewEvent> observer;

		private volatile boolean seenQueued;

		/** Set once the answer's transaction (and so its queue row) committed. */
		private volatile boolean committed;

		private volatile int ticksUnseen;

		Waiter(UUID turnId, Consumer<InterviewEvent> observer) {
			this.turnId = turnId;
			this.observer = observer;
		}

	}

}
