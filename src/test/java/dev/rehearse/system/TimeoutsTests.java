package dev.rehearse.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline and the idle limit fail like Reactor's timeouts (a {@link TimeoutException},
 * the source cancelled), and only when their time has really passed. Virtual time: no test
 * waits.
 */
class TimeoutsTests {

	/** The virtual clock of the scheduler that {@code withVirtualTime} puts in place. */
	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	@Test
	void aStreamThatEndsBeforeItsDeadlinePassesThroughWhole() {
		StepVerifier.withVirtualTime(() -> Timeouts.within(Flux.interval(Duration.ofMillis(400)).take(5), Duration.ofSeconds(3)))
			.thenAwait(Duration.ofSeconds(2))
			.expectNext(0L, 1L, 2L, 3L, 4L)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aStreamStillGoingAtItsDeadlineIsCancelledAndFailsWithATimeout() {
		AtomicBoolean cancelled = new AtomicBoolean();
		// elements keep coming (never a long gap), yet the whole may not take longer than the deadline
		StepVerifier
			.withVirtualTime(() -> Timeouts.within(Flux.interval(Duration.ofMillis(400)).doOnCancel(() -> cancelled.set(true)),
					Duration.ofMillis(1000)))
			.thenAwait(Duration.ofMillis(1000))
			.expectNext(0L, 1L)
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(cancelled).isTrue();
	}

	@Test
	void aStreamWhoseElementsKeepComingIsNeverIdleHoweverLongItRuns() {
		StepVerifier
			.withVirtualTime(() -> Timeouts.idle(Flux.interval(Duration.ofMillis(900)).take(20), Duration.ofSeconds(1), TimeoutsTests::now))
			.thenAwait(Duration.ofSeconds(20))
			.expectNextCount(20)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aPauseLongerThanTheIdleLimitCancelsTheStreamAndFailsWithATimeout() {
		AtomicBoolean cancelled = new AtomicBoolean();
		// made inside the supplier, so that its delays run on the virtual clock
		StepVerifier.withVirtualTime(() -> Timeouts.idle(Flux
			.concat(Mono.just("a"), Mono.just("b").delayElement(Duration.ofMillis(500)),
					Mono.just("late").delayElement(Duration.ofMillis(1500)))
			.doOnCancel(() -> cancelled.set(true)), Duration.ofSeconds(1), TimeoutsTests::now))
			.expectNext("a")
			.thenAwait(Duration.ofMillis(500))
			.expectNext("b")
			// a second after the last element, not after the first
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofMillis(1))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(cancelled).isTrue();
	}

	@Test
	void noFirstElementWithinTheIdleLimitFailsToo() {
		StepVerifier.withVirtualTime(() -> Timeouts.idle(Flux.never(), Duration.ofSeconds(30), TimeoutsTests::now))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(30))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void anErrorOfTheStreamPassesThroughAsItIs() {
		StepVerifier.create(Timeouts.idle(Flux.error(new IllegalStateException("cut")), Duration.ofSeconds(30)))
			.verifyErrorMessage("cut");
		StepVerifier.create(Timeouts.within(Flux.error(new IllegalStateException("cut")), Duration.ofSeconds(30)))
			.verifyErrorMessage("cut");
	}

}
