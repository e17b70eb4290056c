package dev.rehearse.system;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;

/**
 * Log lines with the trace id of the reactive chain they are written from.
 * <p>
 * Reactor restores the trace context only where a chain asks for it
 * ({@code spring.reactor.context-propagation: limited}): restoring it around every signal of every
 * operator ("auto") cost about a fifth of the service's CPU per graded answer. A log line written
 * from an operator's callback (an error handler, a fallback) therefore goes through
 * {@link #log(Runnable)}, which puts the subscriber's current observation, and with it the trace
 * and span ids, into the thread's MDC for the length of that line.
 */
public final class Traces {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private Traces() {
	}

	/**
	 * Writes the log line when subscribed, with the subscriber's trace; completes empty. Chain what
	 * follows with {@code then}/{@code thenMany}.
	 */
	public static Mono<Void> log(Runnable line) {
		return Mono.deferContextual((context) -> {
			try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY)) {
				line.run();
			}
			return Mono.empty();
		});
	}

}
