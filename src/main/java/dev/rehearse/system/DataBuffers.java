package dev.rehearse.system;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Uploads (recordings, résumés, banks) arrive as data buffers and are read whole, within their limits. */
public final class DataBuffers {

	private DataBuffers() {
	}

	/** The buffer's readable bytes; the buffer is released whatever happens. */
	public static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
