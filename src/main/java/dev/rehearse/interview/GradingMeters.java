package dev.rehearse.interview;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The grading path's meters: gradings running and queued, the time from an answer's arrival to
 * its {@code saved}, first feedback and verdict (histograms with percentiles), answers, retries,
 * fallbacks and failures by reason.
 */
@Component
class GradingMeters {

	private final MeterRegistry registry;

	private final Timer saved;

	private final Timer firstFeedback;

	private final Timer verdict;

	private final Counter answers;

	private final Counter retries;

	GradingMeters(MeterRegistry registry, GradingAdmission admission) {
		this.registry = registry;
		Gauge.builder("rehearse.gradings.active", admission, GradingAdmission::active)
			.description("Gradings running on this instance")
			.register(registry);
		Gauge.builder("rehearse.gradings.queued", admission, GradingAdmission::queued)
			.description("Answers waiting for a grader, on all instances")
			.register(registry);
		this.saved = timer("rehearse.grading.saved", "From an answer's arrival to its commit");
		this.firstFeedback = timer("rehearse.grading.first.feedback", "From an answer's arrival to its first feedback");
		this.verdict = timer("rehearse.grading.verdict", "From an answer's arrival to its stored verdict");
		this.answers = Counter.builder("rehearse.answers").description("Answers saved").register(registry);
		this.retries = Counter.builder("rehearse.grading.retries").description("Model calls tried again").register(registry);
	}

	private Timer timer(String name, String description) {
		return Timer.builder(name)
			.description(description)
			.publishPercentileHistogram()
			.publishPercentiles(0.5, 0.95, 0.99)
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(3))
			.register(this.registry);
	}

	/** An answer committed {@code sinceNanos} after it arrived ({@link System#nanoTime}). */
	void saved(long arrivedNanos) {
		this.answers.increment();
		this.saved.record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
	}

	/** Watches one new answer's grading: timed from the answer's arrival, its outcome counted. */
	Consumer<InterviewEvent> observe(long arrivedNanos) {
		return watch(Source.ANSWER, arrivedNanos);
	}

	/**
	 * Watches a grading done again (a candidate's regrade, or the sweep's for a turn left behind):
	 * its outcome is counted under its source; the latency timers are for new answers only.
	 */
	Consumer<InterviewEvent> observeAgain(Source source) {
		return watch(source, 0);
	}

	private Consumer<InterviewEvent> watch(Source source, long arrivedNanos) {
		boolean timed = arrivedNanos != 0;
		String tag = source.name().toLowerCase(Locale.ROOT);
		AtomicBoolean fed = new AtomicBoolean();
		AtomicReference<String> lastRetry = new AtomicReference<>();
		return (event) -> {
			if (event instanceof InterviewEvent.Feedback && fed.compareAndSet(false, true) && timed) {
				this.firstFeedback.record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
			}
			else if (event instanceof InterviewEvent.Retrying retrying) {
				this.retries.increment();
				lastRetry.set(retrying.reason());
			}
			else if (event instanceof InterviewEvent.Verdict stored) {
				if (timed) {
					this.verdict.record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
				}
				this.registry.counter("rehearse.gradings.completed", "source", tag).increment();
				if (stored.verdict().provenance() != null && stored.verdict().provenance().fallback()) {
					String reason = (lastRetry.get() != null) ? lastRetry.get() : "model-failed";
					this.registry.counter("rehearse.grading.fallbacks", "reason", reason, "source", tag).increment();
				}
			}
			else if (event instanceof InterviewEvent.Failed failed) {
				this.registry
					.counter("rehearse.grading.failures", "reason",
							failed.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), "source", tag)
					.increment();
			}
		};
	}

	/** Why a grading runs: a new answer, a candidate's regrade, or the sweep's retry of one left behind. */
	enum Source {

		ANSWER, REGRADE, SWEEP

	}

}
