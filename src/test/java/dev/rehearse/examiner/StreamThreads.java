package dev.rehearse.examiner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;

/**
 * What a chat model's client costs in threads while N streams are open at once against the fake
 * model server on loopback, and how many of N requests reach the server before any has its
 * response headers (OkHttp's dispatcher starts at most 64 calls at once).
 * <p>
 * Run {@link #main} for the figures of Rehearse's client or of Spring AI's SDK-based one:
 * {@code ./mvnw -B -q -DskipTests test-compile exec:java
 * -Dexec.mainClass=dev.rehearse.examiner.StreamThreads -Dexec.args=rehearse} (or
 * {@code spring-ai}); {@code docs/benchmarks.md}, "Threads per open stream".
 */
final class StreamThreads {

	/** How long the fake server waits before each stream's first byte (its headers included). */
	static final Duration FIRST_BYTE = Duration.ofSeconds(3);

	static final int TOKENS = 50;

	static final Duration TOKEN_DELAY = Duration.ofMillis(20);

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private StreamThreads() {
	}

	/**
	 * One run's figures.
	 *
	 * @param client which client
	 * @param streams streams started at once
	 * @param threadsBefore live threads of the JVM before
	 * @param threadsPeak most live threads while they ran
	 * @param requestsBeforeFirstByte requests the server had received before it sent any response
	 * @param mostOpen most streams open at once (first chunk received, not yet finished)
	 * @param completed streams that finished without error
	 * @param millis wall time until all finished
	 */
	record Figures(String client, int streams, int threadsBefore, int threadsPeak, int requestsBeforeFirstByte,
			int mostOpen, int completed, long millis) {

		int threadsAdded() {
			return this.threadsPeak - this.threadsBefore;
		}

		String json() {
			return String.format(Locale.ROOT,
					"{\"client\":\"%s\",\"streams\":%d,\"threadsBefore\":%d,\"threadsPeak\":%d,\"threadsAdded\":%d,"
							+ "\"requestsBeforeFirstByte\":%d,\"mostOpenAtOnce\":%d,\"completed\":%d,\"seconds\":%.1f}",
					this.client, this.streams, this.threadsBefore, this.threadsPeak, threadsAdded(),
					this.requestsBeforeFirstByte, this.mostOpen, this.completed, this.millis / 1000.0);
		}

	}

	/**
	 * A fake server whose every stream waits {@link #FIRST_BYTE} before its headers and first token,
	 * then sends {@link #TOKENS} tokens {@link #TOKEN_DELAY} apart.
	 */
	static FakeModelServer server() {
		String text = String.join(" ", java.util.Collections.nCopies(TOKENS, "word"));
		return FakeModelServer.start()
			.recording(false)
			.headersWithFirstToken(true)
			.defaultReply(Reply.text(text).firstTokenDelay(FIRST_BYTE).tokenDelay(TOKEN_DELAY));
	}

	/** Rehearse's client ({@link OpenAiProvider}), configured as the application configures it. */
	static void withRehearseClient(FakeModelServer server, Consumer<ChatModel> use) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ToolCallingAutoConfiguration.class))
			.withUserConfiguration(OpenAiProvider.class)
			.withPropertyValues("spring.ai.model.chat=openai", "spring.ai.openai.base-url=" + server.baseUrl(),
					"spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=fake-model")
			.run((context) -> use.accept(context.getBean(ChatModel.class)));
	}

	/** Spring AI 2.0.1's own OpenAI chat model (OpenAI Java SDK on OkHttp), as it was configured before. */
	static ChatModel springAiClient(FakeModelServer server) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(server.baseUrl())
				.apiKey("test-key")
				.model("fake-model")
				.maxRetries(0)
				.timeout(Duration.ofMinutes(10))
				.build())
			.build();
	}

	static Figures measure(String client, ChatModel model, FakeModelServer server, int streams) {
		server.reset();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger peak = new AtomicInteger();
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				peak.accumulateAndGet(threads.getThreadCount(), Math::max);
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "thread-sampler");
		sampler.setDaemon(true);
		sampler.start();
		int before = threads.getThreadCount();
		peak.set(before);
		AtomicInteger open = new AtomicInteger();
		AtomicInteger mostOpen = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(streams);
		long start = System.nanoTime();
		for (int i = 0; i < streams; i++) {
			AtomicBoolean first = new AtomicBoolean(true);
			model.stream(new Prompt("Stream " + i)).doOnNext((response) -> {
				if (first.compareAndSet(true, false)) {
					mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
				}
			}).doFinally((signal) -> {
				if (!first.get()) {
					open.decrementAndGet();
				}
				done.countDown();
			}).subscribe((response) -> {
			}, (error) -> {
			}, completed::incrementAndGet);
		}
		int requestsBeforeFirstByte;
		try {
			Thread.sleep(FIRST_BYTE.toMillis() - 500);
			requestsBeforeFirstByte = server.requestCount();
			done.await(3, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		running.set(false);
		return new Figures(client, streams, before, peak.get(), requestsBeforeFirstByte, mostOpen.get(),
				completed.get(), millis);
	}

	/** {@code [rehearse|spring-ai]}: one client per JVM, so neither inherits the other's idle pool threads. */
	public static void main(String[] args) throws Exception {
		String client = (args.length > 0) ? args[0] : "rehearse";
		List<Integer> counts = List.of(10, 50, 100, 200);
		try (FakeModelServer server = server()) {
			Consumer<ChatModel> run = (model) -> {
				measure("warm-up", model, server, 10);
				counts.forEach((n) -> System.out.println(measure(client, model, server, n).json()));
			};
			if (client.equals("spring-ai")) {
				run.accept(springAiClient(server));
			}
			else {
				withRehearseClient(server, run);
			}
		}
		System.exit(0);
	}

}
