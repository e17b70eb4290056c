package dev.rehearse.system;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Log lines with the trace id of the reactive chain they are written from.
 * <p>
 * Reactor restores the trace context only where a chain asks for it
 * ({@code spring.reactor.context-propagation: limited}): restoring it around every signal of every
 * operator ("auto") cost about a fifth of the service's CPU per graded answer. A log line written
 * from an operator's callback (an error handler, a fallback) therefore goes through
 * {@link #log(Runnable)}, which puts the subscriber's current observation, and with it the trace
 * and span ids, into the thread's MDC for the length of that line.
 * <p>
 * Even "limited" restores the context in every {@code handle} operator, and the R2DBC driver and
 * WebFlux's codecs run one per database message and per streamed chunk. A long-lived chain (a
 * grading) therefore keeps its observation under {@link #inBackground(Context, Observation)},
 * a key no accessor restores, and hands it on as the current observation only where a child
 * observation is started ({@link #promote(Context)}: the model call).
 */
public final class Traces {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	/** The reactive context key of a background chain's observation, restored by nobody. */
	private static final String BACKGROUND = Traces.class.getName() + ".observation";

	private Traces() {
	}

	/** The context with {@code observation} as the chain's trace, for logs and child observations only. */
	public static Context inBackground(Context context, Observation observation) {
		return context.put(BACKGROUND, observation);
	}

	/**
	 * The context with the background observation (if any, and no current one) made current, for
	 * the part of a chain that starts child observations: a model call.
	 */
	public static Context promote(Context context) {
		Observation background = context.getOrDefault(BACKGROUND, null);
		return (background != null && !context.hasKey(ObservationThreadLocalAccessor.KEY))
				? context.put(ObservationThreadLocalAccessor.KEY, background) : context;
	}

	/**
	 * Writes the log line when subscribed, with the subscriber's trace; completes empty. Chain what
	 * follows with {@code then}/{@code thenMany}.
	 */
	public static Mono<Void> log(Runnable line) {
		return Mono.deferContextual((context) -> {
			run(context, line);
			return Mono.empty();
		});
	}

	private static void run(ContextView context, Runnable line) {
		if (context.hasKey(ObservationThreadLocalAccessor.KEY)) {
			try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY)) {
				line.run();
			}
			return;
		}
		Observation background = context.getOrDefault(BACKGROUND, null);
		if (background == null) {
			line.run();
			return;
		}
		try (Observation.Scope scope = background.openScope()) {
			line.run();
		}
	}

}
