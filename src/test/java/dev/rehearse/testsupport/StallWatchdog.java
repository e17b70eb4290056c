package dev.rehearse.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints every thread's stack (and writes it under {@code target/stall-dumps}) when a test has
 * run for longer than {@code rehearse.test.stall-dump-after} (120 s by default): a test stuck on a
 * request that never answers then leaves the evidence of where it hangs in the build log, which a
 * timeout alone does not. Registered for every test through JUnit's extension auto-detection
 * ({@code junit-platform.properties}).
 */
public class StallWatchdog implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

	private static final Duration AFTER = Duration
		.ofSeconds(Long.getLong("rehearse.test.stall-dump-after", 120));

	private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "stall-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private static final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

	@Override
	public void beforeTestExecution(ExtensionContext context) {
		String test = context.getUniqueId();
		String name = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
		running.put(test, timer.schedule(() -> dump(name), AFTER.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		ScheduledFuture<?> dump = running.remove(context.getUniqueId());
		if (dump != null) {
			dump.cancel(false);
		}
	}

	private static void dump(String test) {
		StringBuilder out = new StringBuilder();
		out.append("==== ").append(test).append(" has run for over ").append(AFTER.toSeconds())
			.append(" s; every thread at ").append(Instant.now()).append(" ====\n");
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			out.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
			if (thread.getLockName() != null) {
				out.append(" on ").append(thread.getLockName());
			}
			if (thread.getLockOwnerName() != null) {
				out.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
			}
			out.append('\n');
			for (StackTraceElement frame : thread.getStackTrace()) {
				out.append("\tat ").append(frame).append('\n');
			}
			out.append('\n');
		}
		System.err.print(out);
		try {
			Path dir = Files.createDirectories(Path.of("target", "stall-dumps"));
			Files.writeString(dir.resolve(test.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
					+ System.currentTimeMillis() + ".txt"), out);
		}
		catch (IOException ex) {
			System.err.println("Could not write the stall dump: " + ex);
		}
	}

}
