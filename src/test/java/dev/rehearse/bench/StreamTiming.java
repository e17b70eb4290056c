package dev.rehearse.bench;

/** Times one streamed answer: first token after sending, and the gaps between tokens. */
final class StreamTiming {

	private final Tally tally;

	private long sentNanos;

	private long lastTokenNanos;

	private int tokens;

	StreamTiming(Tally tally) {
		this.tally = tally;
	}

	void sent() {
		this.sentNanos = System.nanoTime();
	}

	long sentNanos() {
		return this.sentNanos;
	}

	private long queuedNanos;

	/** A {@code queued} event: the answer waits for a grader; the wait ends with the first feedback. */
	void queued(long arrivedNanos) {
		if (this.queuedNanos == 0) {
			this.queuedNanos = arrivedNanos;
		}
	}

	void token(long arrivedNanos) {
		if (this.tokens == 0 && this.queuedNanos != 0) {
			this.tally.queued.add(arrivedNanos - this.queuedNanos);
		}
		if (this.tokens == 0) {
			this.tally.timeToFirstToken.add(arrivedNanos - this.sentNanos);
		}
		else {
			this.tally.interTokenGap.add(arrivedNanos - this.lastTokenNanos);
		}
		this.lastTokenNanos = arrivedNanos;
		this.tokens++;
		this.tally.tokens.increment();
	}

	int tokens() {
		return this.tokens;
	}

	long lastTokenNanos() {
		return this.lastTokenNanos;
	}

	void finished() {
		this.tally.answerDuration.add(System.nanoTime() - this.sentNanos);
	}

}
