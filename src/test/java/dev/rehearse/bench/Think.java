package dev.rehearse.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

/**
 * A candidate's think time before each answer ({@code --think-ms T}): uniformly between T/2 and
 * 3T/2, so that candidates who started together drift apart as real ones do. Zero: no pause, the
 * closed loop of earlier runs.
 */
final class Think {

	private static volatile int thinkMs;

	private Think() {
	}

	static void set(int millis) {
		thinkMs = millis;
	}

	static int millis() {
		return thinkMs;
	}

	/** The pause before one answer. */
	static Mono<Void> pause() {
		int think = thinkMs;
		if (think <= 0) {
			return Mono.empty();
		}
		long jittered = think / 2 + ThreadLocalRandom.current().nextLong(think + 1L);
		return Mono.delay(Duration.ofMillis(jittered)).then();
	}

}
