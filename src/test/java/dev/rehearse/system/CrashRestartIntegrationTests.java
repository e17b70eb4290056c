package dev.rehearse.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.rehearse.RehearseApplication;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.SeedBank;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rehearse killed with {@code kill -9} right after an answer was saved, while the model was still
 * grading it, comes back with one restart: the embedded PostgreSQL it left running is stopped and
 * started again, the answer is still there, and the sweep grades it.
 * <p>
 * The service runs as a child JVM, as in production, on its own data directory and port.
 */
class CrashRestartIntegrationTests {

	/** Generous: two cold starts of the whole service on a busy two-core machine. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Process> children = new ArrayList<>();

	@TempDir
	Path directory;

	@Test
	void oneRestartAfterAKillKeepsTheAnswerAndGradesIt() throws Exception {
		Path data = this.directory.resolve("postgres");
		int port = freePort();
		String answer = "A hash map hashes the key to a bucket and compares keys with equals.";
		String interviewId;
		String auth;
		try (FakeModelServer model = FakeModelServer.start()) {
			// the model never answers, so the answer is still being graded when the service dies
			model.defaultReply(FakeModelServer.Reply.text("never").firstTokenDelay(Duration.ofMinutes(10)));
			Process first = start(port, data, "first", "--spring.ai.model.chat=openai",
					"--spring.ai.openai.base-url=" + model.baseUrl(), "--spring.ai.openai.api-key=test-key",
					"--spring.ai.openai.chat.model=fake-model", "--rehearse.examiner.spoken-timeout=200ms");
			auth = register(port);
			JsonNode interview = Api.parse(send(port, "POST", "/api/interviews", auth,
					"{\"bankId\":\"" + SeedBank.ID + "\",\"questionCount\":2}", 201));
			interviewId = interview.get("id").asString();
			String turnId = interview.get("currentTurn").get("id").asString();

			HttpResponse<Stream<String>> stream = this.http.send(request(port, "POST",
					"/api/interviews/" + interviewId + "/turns/" + turnId + "/answer", auth,
					"{\"text\":\"" + answer + "\"}").header("Accept", "text/event-stream").build(),
					HttpResponse.BodyHandlers.ofLines());
			assertThat(stream.statusCode()).isEqualTo(200);
			Iterator<String> lines = stream.body().iterator();
			while (lines.hasNext() && !lines.next().matches("event: ?saved")) {
				// read up to the answer's commit
			}
			first.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to stop PostgreSQL
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			stream.body().close();
		}
		// the situation of the report: PostgreSQL outlived its instance and still holds the directory
		assertThat(postmaster(data)).as("PostgreSQL left running").isPresent();

		start(port, data, "second");
		JsonNode turn = waitFor(Duration.ofSeconds(90), () -> {
			JsonNode view;
			try {
				view = Api.parse(send(port, "GET", "/api/interviews/" + interviewId, auth, null, 200));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			JsonNode first = view.get("turns").get(0);
			return "GRADED".equals(first.get("status").asString()) ? first : null;
		}, "the sweep to grade the kept answer");
		assertThat(turn.get("answer").get("text").asString()).isEqualTo(answer);
		assertThat(turn.get("verdict").isNull()).isFalse();
		assertThat(log("second")).contains("stopping it").doesNotContain("Gave up waiting");
	}

	@AfterEach
	void stopEverything() throws Exception {
		for (Process child : this.children) {
			child.destroy(); // a graceful stop, which also stops its PostgreSQL
			if (!child.waitFor(60, TimeUnit.SECONDS)) {
				child.destroyForcibly();
			}
		}
		// a PostgreSQL this test left behind (a failure before the second start) is stopped too
		Optional<ProcessHandle> orphan = postmaster(this.directory.resolve("postgres"));
		if (orphan.isPresent()) {
			orphan.get().destroy();
			orphan.get().onExit().get(60, TimeUnit.SECONDS);
		}
	}

	private Process start(int port, Path data, String name, String... more) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
				// a quick start matters more here than peak speed, on a machine with two cores
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-cp", System.getProperty("java.class.path"), RehearseApplication.class.getName(),
				"--server.port=" + port, "--management.server.port=0", "--rehearse.database.url=", "--spring.r2dbc.url=",
				"--rehearse.database.embedded.data-directory=" + data,
				"--rehearse.examiner.offline.load-at-startup=false",
				// the sweep picks up a grading whose instance died within seconds, not minutes
				"--rehearse.interview.grading-timeout=3s", "--rehearse.interview.sweep.interval=1s",
				"--rehearse.interview.sweep.stale-after=4s"));
		command.addAll(List.of(more));
		Process child = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve(name + ".log").toFile())
			.start();
		this.children.add(child);
		waitFor(START_TIMEOUT, () -> {
			if (!child.isAlive()) {
				throw new AssertionError("The " + name + " start failed:\n" + log(name));
			}
			try {
				String health = new String(send(port, "GET", "/readyz", null, null, 200), StandardCharsets.UTF_8);
				return health.contains("\"UP\"") ? health : null;
			}
			catch (IOException | AssertionError ex) {
				return null;
			}
		}, "the " + name + " start to report UP");
		return child;
	}

	private String register(int port) throws Exception {
		String username = "crash" + System.nanoTime() % 1_000_000;
		String password = "correct-horse-battery";
		send(port, "POST", "/api/auth/register", null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 201);
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private byte[] send(int port, String method, String path, String auth, String json, int status) throws IOException {
		try {
			HttpResponse<byte[]> response = this.http.send(request(port, method, path, auth, json).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != status) {
				throw new AssertionError(method + " " + path + ": " + response.statusCode() + " "
						+ new String(response.body(), StandardCharsets.UTF_8));
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static HttpRequest.Builder request(int port, String method, String path, String auth, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (auth != null) {
			request.header("Authorization", auth);
		}
		return request;
	}

	private static <T> T waitFor(Duration timeout, Supplier<T> probe, String what) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Gave up after " + timeout.toSeconds() + " s waiting for " + what);
	}

	/** The PostgreSQL named in the directory's pid file, if it runs. */
	private static Optional<ProcessHandle> postmaster(Path data) {
		Path pidFile = data.resolve("postmaster.pid");
		try (Stream<String> lines = Files.lines(pidFile)) {
			long pid = Long.parseLong(lines.findFirst().orElse("").strip());
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private String log(String name) {
		try {
			return Files.readString(this.directory.resolve(name + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
