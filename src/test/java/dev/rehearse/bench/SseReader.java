package dev.rehearse.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * An incremental {@code text/event-stream} parser: fed network buffers as they arrive, it hands out
 * whole events stamped with the arrival time of the buffer that completed them. Hand-written rather
 * than Spring's decoder so that the driver spends as little CPU per token as possible and the stamp is
 * the moment the bytes reached the client, not when a downstream operator got to them.
 */
final class SseReader {

	/** One event: its name ({@code message} when none was given), its data, when it arrived. */
	record Event(String name, String data, long arrivedNanos) {
	}

	private final Consumer<Event> sink;

	private byte[] partial = new byte[256];

	private int partialLength;

	private String name;

	private StringBuilder data;

	SseReader(Consumer<Event> sink) {
		this.sink = sink;
	}

	void feed(DataBuffer buffer) {
		long now = System.nanoTime();
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			feed(bytes, now);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * Splits on the newline byte, which never occurs inside a multi-byte UTF-8 character, so a
	 * character cut in two by the network is decoded whole.
	 */
	void feed(byte[] bytes, long now) {
		for (byte b : bytes) {
			if (b == '\n') {
				int end = (this.partialLength > 0 && this.partial[this.partialLength - 1] == '\r')
						? this.partialLength - 1 : this.partialLength;
				line(new String(this.partial, 0, end, StandardCharsets.UTF_8), now);
				this.partialLength = 0;
			}
			else {
				if (this.partialLength == this.partial.length) {
					this.partial = java.util.Arrays.copyOf(this.partial, this.partial.length * 2);
				}
				this.partial[this.partialLength++] = b;
			}
		}
	}

	private void line(String line, long now) {
		if (line.isEmpty()) {
			if (this.data != null) {
				this.sink.accept(new Event((this.name != null) ? this.name : "message", this.data.toString(), now));
			}
			this.name = null;
			this.data = null;
			return;
		}
		if (line.startsWith(":")) {
			return;
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		if (field.equals("event")) {
			this.name = value;
		}
		else if (field.equals("data")) {
			if (this.data == null) {
				this.data = new StringBuilder(value);
			}
			else {
				this.data.append('\n').append(value);
			}
		}
	}

}
