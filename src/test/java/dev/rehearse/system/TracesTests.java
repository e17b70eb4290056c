package dev.rehearse.system;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log line written through {@link Traces#log} runs with its chain's observation current (so
 * the trace id is in the MDC), whether the chain is a request or a grading in the background;
 * nothing else does.
 */
class TracesTests {

	private final ObservationRegistry registry = ObservationRegistry.create();

	TracesTests() {
		this.registry.observationConfig().observationHandler((context) -> true);
	}

	@Test
	void aLogLineSeesTheRequestsObservationAsCurrent() {
		Observation request = Observation.start("request", this.registry);
		List<Observation> seen = new ArrayList<>();
		Traces.log(() -> seen.add(this.registry.getCurrentObservation()))
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, request))
			.block();
		assertThat(seen).containsExactly(request);
		assertThat(this.registry.getCurrentObservation()).as("closed after the line").isNull();
	}

	@Test
	void aLogLineOfABackgroundChainSeesItsObservationButAChildIsStartedOnlyWherePromoted() {
		Observation grading = Observation.start("grading", this.registry);
		List<Observation> seen = new ArrayList<>();
		List<Object> parents = new ArrayList<>();
		Mono.deferContextual((context) -> {
			parents.add(context.getOrDefault(ObservationThreadLocalAccessor.KEY, "none"));
			return Mono.empty();
		})
			.then(Mono.deferContextual((context) -> {
				parents.add(context.getOrDefault(ObservationThreadLocalAccessor.KEY, "none"));
				return Mono.empty();
			}).contextWrite(Traces::promote))
			.then(Traces.log(() -> seen.add(this.registry.getCurrentObservation())))
			.contextWrite((context) -> Traces.inBackground(context, grading))
			.block();
		assertThat(seen).containsExactly(grading);
		assertThat(parents).containsExactly("none", grading);
	}

	@Test
	void aLineWithNoObservationIsWrittenAsIs() {
		List<Observation> seen = new ArrayList<>();
		Traces.log(() -> seen.add(this.registry.getCurrentObservation())).block();
		assertThat(seen).hasSize(1).containsNull();
	}

	@Test
	void afterRestoreOnlyWhereAskedNoHandleOperatorMakesTheObservationCurrent() {
		Traces.restoreOnlyWhereAsked();
		Observation request = Observation.start("request", this.registry);
		List<Observation> seen = new ArrayList<>();
		Flux.just(1, 2, 3).<Integer>handle((value, sink) -> {
			seen.add(this.registry.getCurrentObservation());
			sink.next(value);
		}).contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, request)).blockLast();
		assertThat(seen).hasSize(3).containsOnlyNulls();
	}

}
