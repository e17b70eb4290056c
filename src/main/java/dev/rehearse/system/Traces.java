package dev.rehearse.system;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
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
 * WebFlux's codecs run one per database message and per streamed chunk: opening the request's
 * observation there (its span, the MDC) and Spring Security's two thread locals cost about a
 * tenth of the service's CPU per answer (docs/benchmarks.md). Nothing in Rehearse reads a thread local from a reactive
 * chain (the security context is read from the Reactor context, child observations find their
 * parent there, log lines go through {@link #log(Runnable)}), so {@link #restoreOnlyWhereAsked()}
 * takes those accessors out of the registry Reactor restores from.
 * <p>
 * A long-lived chain (a grading) keeps its observation under
 * {@link #inBackground(Context, Observation)}, a key that is not the request's, and hands it on
 * as the current observation only where a child observation is started
 * ({@link #promote(Context)}: the model call).
 */
public final class Traces {

	/** The reactive context key of a background chain's observation, restored by nobody. */
	private static final String BACKGROUND = Traces.class.getName() + ".observation";

	private Traces() {
	}

	/**
	 * Takes every thread-local accessor out of the registry Reactor's operators restore from, so
	 * that none restores a thread local around each signal; returns their keys. Called once at
	 * start-up ({@code TracesConfiguration}).
	 */
	public static List<Object> restoreOnlyWhereAsked() {
		ContextRegistry registry = ContextRegistry.getInstance();
		List<Object> keys = registry.getThreadLocalAccessors().stream().map(ThreadLocalAccessor::key).toList();
		keys.forEach(registry::removeThreadLocalAccessor);
		return keys;
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
		Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (observation == null) {
			observation = context.getOrDefault(BACKGROUND, null);
		}
		if (observation == null) {
			line.run();
			return;
		}
		try (Observation.Scope scope = observation.openScope()) {
			line.run();
		}
	}

}
