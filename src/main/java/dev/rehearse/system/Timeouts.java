package dev.rehearse.system;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Time limits on a stream that arm one timer per stream, not one per element.
 * <p>
 * Reactor's {@code Flux.timeout(Duration)} and {@code timeout(first, perItem)} cancel and
 * schedule a timer on the shared {@code parallel} scheduler for every element. A graded answer
 * streams more than a hundred model tokens through three such limits: several hundred timer
 * tasks, each taking the scheduler's queue lock twice, per answer (docs/benchmarks.md). Both
 * limits here fail with a {@link TimeoutException}, as Reactor's do.
 */
public final class Timeouts {

	private Timeouts() {
	}

	/**
	 * {@code source}, failing with a {@link TimeoutException} (and cancelled) unless it completes
	 * within {@code limit} of being subscribed: a deadline for the whole stream.
	 */
	public static <T> Flux<T> within(Flux<T> source, Duration limit) {
		return Flux.defer(() -> {
			State state = new State();
			return state.limit(source, Mono.delay(limit),
					() -> new TimeoutException("Did not complete within " + limit.toMillis() + " ms"));
		});
	}

	/**
	 * {@code source}, failing with a {@link TimeoutException} (and cancelled) when {@code idle}
	 * passes without an element, before the first one included. The timer is armed for the time
	 * left since the last element and armed again only when it fires early, so a stream that
	 * keeps coming costs one timer per {@code idle}, not one per element.
	 */
	public static <T> Flux<T> idle(Flux<T> source, Duration idle) {
		return idle(source, idle, System::nanoTime);
	}

	/** As {@link #idle(Flux, Duration)}, on this clock (in nanoseconds; tests use Reactor's virtual one). */
	static <T> Flux<T> idle(Flux<T> source, Duration idle, LongSupplier nanoClock) {
		long idleNanos = idle.toNanos();
		return Flux.defer(() -> {
			AtomicLong last = new AtomicLong(nanoClock.getAsLong());
			Mono<Boolean> check = Mono.defer(() -> {
				long left = last.get() + idleNanos - nanoClock.getAsLong();
				return (left <= 0) ? Mono.just(true) : Mono.delay(Duration.ofNanos(left)).then(Mono.empty());
			});
			State state = new State();
			return state.limit(source.doOnNext((element) -> last.lazySet(nanoClock.getAsLong())),
					check.repeatWhenEmpty(Integer.MAX_VALUE, (checks) -> checks),
					() -> new TimeoutException("No element within " + idle.toMillis() + " ms"));
		});
	}

	/**
	 * Whether a limited stream completed or its timer fired first: the timer's tick cancels the
	 * stream, but only a tick that came first turns into the error.
	 */
	private static final class State {

		private static final int RUNNING = 0;

		private static final int COMPLETED = 1;

		private static final int EXPIRED = 2;

		private final AtomicInteger value = new AtomicInteger(RUNNING);

		<T> Flux<T> limit(Flux<T> source, Mono<?> timer, Supplier<TimeoutException> error) {
			return source.doOnComplete(() -> this.value.compareAndSet(RUNNING, COMPLETED))
				.takeUntilOther(timer.doOnNext((tick) -> this.value.compareAndSet(RUNNING, EXPIRED)))
				.concatWith(Mono.defer(() -> (this.value.get() == EXPIRED) ? Mono.error(error.get()) : Mono.empty()));
		}

	}

}
