package dev.rehearse.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Everything measured on one path (through the service, or straight to the model) in one window. */
final class Tally {

	/** From sending the answer to the first feedback token. */
	final Samples timeToFirstToken = new Samples();

	/** Between consecutive feedback tokens of one answer. */
	final Samples interTokenGap = new Samples();

	/** From sending the answer to the {@code saved} event (service only). */
	final Samples timeToSaved = new Samples();

	/** From the last feedback token to the {@code verdict} event (service only). */
	final Samples lastTokenToVerdict = new Samples();

	/** From sending the answer to the end of its stream. */
	final Samples answerDuration = new Samples();

	/** From the first {@code queued} event to the first feedback, for answers that waited (service only). */
	final Samples queued = new Samples();

	/** Starting an interview (service only). */
	final Samples startInterview = new Samples();

	final LongAdder answersSent = new LongAdder();

	final LongAdder answersGraded = new LongAdder();

	final LongAdder followUps = new LongAdder();

	/** Verdicts the offline examiner gave because the model path failed: graded, but degraded. */
	final LongAdder fallbacks = new LongAdder();

	final LongAdder tokens = new LongAdder();

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> verdicts = new ConcurrentHashMap<>();

	/** Counts a verdict by who gave it ({@code examiner/model} of its provenance). */
	void verdictBy(String examiner) {
		this.verdicts.computeIfAbsent(examiner, (k) -> new LongAdder()).increment();
	}

	Map<String, Long> verdictsBy() {
		Map<String, Long> by = new TreeMap<>();
		this.verdicts.forEach((kind, count) -> by.put(kind, count.sum()));
		return by;
	}

	void error(String kind) {
		this.errors.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
	}

	long errorCount() {
		return this.errors.values().stream().mapToLong(LongAdder::sum).sum();
	}

	Map<String, Long> errorKinds() {
		Map<String, Long> kinds = new TreeMap<>();
		this.errors.forEach((kind, count) -> kinds.put(kind, count.sum()));
		return kinds;
	}

}
