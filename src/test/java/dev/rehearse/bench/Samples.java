package dev.rehearse.bench;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, kept exactly (a few hundred thousand longs at most) so percentiles are
 * exact rather than bucketed. Thread-safe by synchronisation: recording is rare next to the work
 * measured.
 */
final class Samples {

	private long[] values = new long[1024];

	private int size;

	synchronized void add(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	synchronized int count() {
		return this.size;
	}

	/** Nearest-rank percentile in milliseconds, or NaN when empty. */
	synchronized double percentileMillis(double percentile) {
		if (this.size == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
	}

	synchronized double maxMillis() {
		long max = 0;
		for (int i = 0; i < this.size; i++) {
			max = Math.max(max, this.values[i]);
		}
		return (this.size == 0) ? Double.NaN : max / 1_000_000.0;
	}

}
