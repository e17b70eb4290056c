package dev.rehearse.examiner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The {@code data} of each event of a {@code text/event-stream} body, read straight from its
 * bytes: lines end with LF or CRLF, a blank line ends an event, an event's {@code data:} lines are
 * joined with LF, comments ({@code :...}) and other fields ({@code event:}, {@code id:},
 * {@code retry:}) are skipped, and an event without data yields nothing. A last event the server
 * did not end with a blank line still counts.
 * <p>
 * Why not WebFlux's {@code ServerSentEventHttpMessageReader}: a model streams a few characters per
 * event, and that reader turns each line into a {@code String}, buffers lines per event and builds
 * a {@code ServerSentEvent} through several operators per event (one of them a {@code handle},
 * where Reactor restores the trace context): together the larger part of the service's CPU per
 * streamed token (docs/benchmarks.md). One object per stream does the same here.
 */
final class ServerSentEventData {

	private byte[] line = new byte[256];

	private int length;

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	private ServerSentEventData() {
	}

	/** The data of each event of {@code body}, which is consumed (every buffer released). */
	static Flux<String> of(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			ServerSentEventData reader = new ServerSentEventData();
			return body.concatMapIterable(reader::read)
				.concatWith(Flux.defer(() -> Flux.fromIterable(reader.end())))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
		});
	}

	/** The events completed by {@code buffer}, which is released. */
	List<String> read(DataBuffer buffer) {
		List<String> events = null;
		try {
			int count = buffer.readableByteCount();
			ensure(this.length + count);
			buffer.read(this.line, this.length, count);
			int start = 0;
			int end = this.length + count;
			for (int i = this.length; i < end; i++) {
				if (this.line[i] == '\n') {
					String event = line(start, i);
					if (event != null) {
						events = (events != null) ? events : new ArrayList<>(2);
						events.add(event);
					}
					start = i + 1;
				}
			}
			// keep the unfinished line at the front
			System.arraycopy(this.line, start, this.line, 0, end - start);
			this.length = end - start;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return (events != null) ? events : List.of();
	}

	/** The last event, when the body ended without the blank line that should close it. */
	List<String> end() {
		String last = (this.length > 0) ? line(0, this.length) : null;
		this.length = 0;
		if (last == null && this.hasData) {
			last = dispatch();
		}
		return (last != null) ? List.of(last) : List.of();
	}

	/** Takes the line in {@code [from, to)} (without its LF); returns an event's data when the line ended one. */
	private String line(int from, int to) {
		if (to > from && this.line[to - 1] == '\r') {
			to--;
		}
		if (to == from) {
			return this.hasData ? dispatch() : null;
		}
		if (to - from >= 4 && this.line[from] == 'd' && this.line[from + 1] == 'a' && this.line[from + 2] == 't'
				&& this.line[from + 3] == 'a' && (to - from == 4 || this.line[from + 4] == ':')) {
			int value = Math.min(from + 5, to);
			if (value < to && this.line[value] == ' ') {
				value++;
			}
			if (this.hasData) {
				this.data.append('\n');
			}
			this.data.append(new String(this.line, value, to - value, StandardCharsets.UTF_8));
			this.hasData = true;
		}
		return null;
	}

	private String dispatch() {
		String event = this.data.toString();
		this.data.setLength(0);
		this.hasData = false;
		return event;
	}

	private void ensure(int capacity) {
		if (capacity > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(capacity, this.line.length * 2));
		}
	}

}
