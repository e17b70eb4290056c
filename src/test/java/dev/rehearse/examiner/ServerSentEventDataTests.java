package dev.rehearse.examiner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import io.netty.buffer.PooledByteBufAllocator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-stream reader against what servers send: events split anywhere across network reads
 * (inside "data:", inside a multi-byte character, between CR and LF), comments and keep-alives,
 * other fields, multi-line data, and a last event without its closing blank line.
 */
class ServerSentEventDataTests {

	private static final String STREAM = """
			: keep-alive

			event: message
			id: 1
			data: {"choices":[{"delta":{"content":"红黑树"}}]}

			retry: 1000
			data:{"a":1}
			data: second line

			data

			database: not a data field

			data: [DONE]
			""".replace("\n", "\r\n");

	private static final List<String> EVENTS = List.of("{\"choices\":[{\"delta\":{\"content\":\"红黑树\"}}]}",
			"{\"a\":1}\nsecond line", "", "[DONE]");

	@Test
	void readsEveryEventWhicheverWayTheBytesArrive() {
		byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
		for (int size = 1; size <= bytes.length; size++) {
			assertThat(read(bytes, size)).as("chunks of %d bytes", size).isEqualTo(EVENTS);
		}
	}

	@Test
	void aLastEventWithoutItsBlankLineStillCounts() {
		assertThat(read("data: one\n\ndata: two".getBytes(StandardCharsets.UTF_8), 3)).containsExactly("one", "two");
		assertThat(read("data: one\n\ndata: two\n".getBytes(StandardCharsets.UTF_8), 4)).containsExactly("one", "two");
		assertThat(read(": only a comment\n".getBytes(StandardCharsets.UTF_8), 5)).isEmpty();
	}

	@Test
	void releasesEveryBufferItReads() {
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<DataBuffer> buffers = new ArrayList<>();
		for (String part : List.of("data: a", "b\n\nda", "ta: c\n\n")) {
			buffers.add(factory.wrap(part.getBytes(StandardCharsets.UTF_8)));
		}
		List<io.netty.buffer.ByteBuf> netty = buffers.stream().map(NettyDataBufferFactory::toByteBuf).toList();
		assertThat(ServerSentEventData.of(Flux.fromIterable(buffers)).collectList().block()).containsExactly("ab", "c");
		assertThat(netty).allSatisfy((buffer) -> assertThat(buffer.refCnt()).isZero());
	}

	private static List<String> read(byte[] bytes, int size) {
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		List<DataBuffer> chunks = new ArrayList<>();
		for (int i = 0; i < bytes.length; i += size) {
			chunks.add(factory.wrap(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size))));
		}
		return ServerSentEventData.of(Flux.fromIterable(chunks)).collectList().block();
	}

}
