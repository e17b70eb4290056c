package dev.rehearse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.testsupport.FakeAudioServer;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The voice latency benchmark behind {@code scripts/bench-voice}: N concurrent voice candidates
 * through the packaged service, each answering K questions the way the hands-free page does (the
 * recording is uploaded the moment speech ends, the transcript is sent as the answer, the verdict's
 * one-sentence summary is spoken), against a fake speech server and a fake model server with fixed
 * delays; then the same calls straight to the fake servers as the lower bound. Prints one JSON line:
 * for each step (end of speech → transcript, transcript → first feedback token, verdict → first audio
 * of the spoken summary) the p50/p95/p99 through the service, straight to the fakes, and their
 * difference, which is the time the service adds.
 * <p>
 * Not a test (no {@code Tests} suffix), so {@code ./mvnw verify} never runs it.
 */
public final class VoiceBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Process> processes = new ArrayList<>();

	private final Map<String, String> options;

	private EmbeddedPostgres postgres;

	private Path work;

	private VoiceBenchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) {
		java.io.PrintStream out = System.out;
		System.setOut(System.err);
		Map<String, String> options = new LinkedHashMap<>(Map.of("candidates", "50", "questions", "3", "stt-delay-ms",
				"300", "tts-delay-ms", "150", "tokens", "60", "token-delay-ms", "10", "warmup", "10", "speak-ms", "10000"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		VoiceBenchmark benchmark = new VoiceBenchmark(options);
		Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll));
		int status = 0;
		try {
			out.println(json.writeValueAsString(benchmark.run()));
			out.flush();
		}
		catch (Throwable ex) {
			LoadBenchmark.log("FAILED: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		finally {
			benchmark.stopAll();
		}
		System.exit(status);
	}

	private int option(String name) {
		return Integer.parseInt(this.options.get(name));
	}

	private Map<String, Object> run() throws Exception {
		int candidates = option("candidates");
		int questions = option("questions");
		this.work = Files.createTempDirectory("rehearse-bench-voice-");
		LoadBenchmark.log("work directory " + this.work);
		this.postgres = EmbeddedPostgres.builder()
			.setDataDirectory(this.work.resolve("postgres"))
			.setCleanDataDirectory(true)
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "300")
			.start();
		String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/postgres";

		// the fake servers, each in its own JVM so that its CPU is its own
		String classPath = System.getProperty("java.class.path");
		int modelPort = LoadBenchmark.freePort();
		Process model = start("fake-model", List.of(LoadBenchmark.javaCommand(), "-Xmx256m", "-XX:+UseSerialGC", "-cp",
				classPath, LoadBenchmark.FAKE_MODEL_SERVER, Integer.toString(modelPort), this.options.get("tokens"),
				this.options.get("token-delay-ms")));
		int audioPort = LoadBenchmark.freePort();
		Process audio = start("fake-audio", List.of(LoadBenchmark.javaCommand(), "-Xmx256m", "-XX:+UseSerialGC", "-cp",
				classPath, FakeAudioServer.class.getName(), Integer.toString(audioPort), this.options.get("stt-delay-ms"),
				this.options.get("tts-delay-ms")));
		LoadBenchmark.awaitPort(model, modelPort, Duration.ofSeconds(30));
		LoadBenchmark.awaitPort(audio, audioPort, Duration.ofSeconds(30));

		int servicePort = LoadBenchmark.freePort();
		List<String> command = new ArrayList<>(List.of(LoadBenchmark.javaCommand(), "-Xmx512m", "-jar",
				LoadBenchmark.findServiceJar().toString(), "--server.port=" + servicePort,
				"--server.address=127.0.0.1", "--management.server.port=0", "--spring.ai.model.chat=openai",
				"--spring.ai.openai.base-url=http://127.0.0.1:" + modelPort + "/v1", "--spring.ai.openai.api-key=bench-key",
				"--spring.ai.model.audio.transcription=openai", "--spring.ai.model.audio.speech=openai",
				"--spring.ai.openai.audio.transcription.base-url=http://127.0.0.1:" + audioPort + "/v1",
				"--spring.ai.openai.audio.speech.base-url=http://127.0.0.1:" + audioPort + "/v1",
				"--rehearse.speech.transcriptions-per-minute=0", "--rehearse.speech.synthesis.per-minute=0",
				"--rehearse.database.url=" + jdbcUrl, "--rehearse.database.username=postgres",
				"--rehearse.database.embedded.enabled=false",
				"--rehearse.banks.directory=" + LoadBenchmark.benchBankDirectory()));
		for (String property : LoadBenchmark.BENCH_PROPERTIES) {
			command.add("--" + property);
		}
		Process service = start("service", command);
		LoadBenchmark.awaitPort(service, servicePort, Duration.ofSeconds(180));
		LoadBenchmark.awaitHealthy(service, servicePort, Duration.ofSeconds(180), this.work.resolve("service.log"));
		LoadBenchmark.log("service on port " + servicePort);

		ConnectionProvider connections = ConnectionProvider.builder("voice-bench")
			.maxConnections(candidates * 3 + 50)
			.pendingAcquireMaxCount(-1)
			.build();
		java.util.function.Function<String, WebClient> clients = (base) -> WebClient.builder()
			.baseUrl(base)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
				.responseTimeout(Duration.ofSeconds(120))))
			.build();
		WebClient toService = clients.apply("http://127.0.0.1:" + servicePort);
		WebClient toAudio = clients.apply("http://127.0.0.1:" + audioPort);
		WebClient toModel = clients.apply("http://127.0.0.1:" + modelPort);
		// what MediaRecorder uploads for a 10-second answer (WebM/Opus, about 32 kbit/s); the fake server does
		// not decode it
		byte[] recording = FakeAudioServer.webm(40_000);

		Map<String, Object> result = new LinkedHashMap<>();
		result.putAll(this.options);

		// warm-up (JIT, pools), not measured
		int warmup = option("warmup");
		if (warmup > 0) {
			LoadBenchmark.log("warm-up: " + warmup + " candidates");
			List<Candidate> warm = signUp(toService, "w", warmup);
			Steps ignored = new Steps();
			runAtOnce(warmup, (i) -> warm.get(i).interview(questions, recording, ignored, 0));
			runAtOnce(warmup, (i) -> direct(toAudio, toModel, i, questions, recording, new Steps()));
		}

		LoadBenchmark.log("signing up " + candidates + " candidates");
		List<Candidate> all = signUp(toService, "c", candidates);
		LoadBenchmark.log("service: " + candidates + " voice candidates x " + questions + " questions");
		Steps through = new Steps();
		// each candidate speaks for speak-ms before each answer (the recording is 10 s long), and they start
		// spread over that time, as people in separate interviews do: no thundering herd at the end of speech
		long speak = option("speak-ms");
		runAtOnce(candidates, (i) -> Mono.delay(Duration.ofMillis(speak * i / candidates))
			.then(all.get(i).interview(questions, recording, through, speak)));
		LoadBenchmark.log("direct: the same calls straight to the fake servers");
		Steps direct = new Steps();
		runAtOnce(candidates, (i) -> direct(toAudio, toModel, i, questions, recording, direct));

		result.put("transcriptMs", step(through.transcript, direct.transcript));
		result.put("firstFeedbackTokenMs", step(through.firstToken, direct.firstToken));
		result.put("firstSummaryAudioMs", step(through.firstAudio, direct.firstAudio));
		result.put("endOfSpeechToFirstSummaryAudioMs", LoadBenchmark.percentiles(through.whole));
		result.put("answers", through.transcript.count());
		result.put("errors", through.errors.size() + direct.errors.size());
		result.put("errorKinds", errorKinds(through, direct));
		result.put("workDirectory", this.work.toString());
		connections.disposeLater().block(Duration.ofSeconds(10));
		return result;
	}

	private static Map<String, Object> step(Samples service, Samples direct) {
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("service", LoadBenchmark.percentiles(service));
		step.put("direct", LoadBenchmark.percentiles(direct));
		Map<String, Object> added = new LinkedHashMap<>();
		for (int p : new int[] { 50, 95, 99 }) {
			added.put("p" + p, LoadBenchmark.round(service.percentileMillis(p) - direct.percentileMillis(p)));
		}
		step.put("added", added);
		return step;
	}

	private static Map<String, Long> errorKinds(Steps... all) {
		Map<String, Long> kinds = new LinkedHashMap<>();
		for (Steps steps : all) {
			for (String error : steps.errors) {
				kinds.merge(error, 1L, Long::sum);
			}
		}
		return kinds;
	}

	/** Signs candidates up and in with a session, as the browser does (HTTP Basic would add a bcrypt check per call). */
	private List<Candidate> signUp(WebClient toService, String prefix, int count) {
		String run = Long.toString(Instant.now().getEpochSecond() % 100000, 36);
		return Flux.range(0, count).flatMap((i) -> {
			CandidateClient client = new CandidateClient(toService, "v" + run + prefix + i, false, Duration.ofMinutes(2),
					new java.util.concurrent.ConcurrentLinkedQueue<>());
			return client.signUp().timeout(Duration.ofSeconds(60)).retry(2).thenReturn(new Candidate(client));
		}, 8).collectList().block(Duration.ofMinutes(5));
	}

	private static void runAtOnce(int count, IntFunction<Mono<Void>> client) {
		Flux.range(0, count).flatMap((i) -> Mono.defer(() -> client.apply(i)), count).then().block(Duration.ofMinutes(20));
	}

	/** The lower bound: one candidate's calls straight to the fake speech and model servers. */
	private static Mono<Void> direct(WebClient toAudio, WebClient toModel, int candidate, int questions,
			byte[] recording, Steps steps) {
		Mono<Void> chain = Mono.empty();
		for (int q = 0; q < questions; q++) {
			int question = q;
			chain = chain.then(Mono.defer(() -> {
				MultipartBodyBuilder form = new MultipartBodyBuilder();
				form.part("file", file(recording)).contentType(MediaType.parseMediaType("audio/webm;codecs=opus"));
				form.part("model", "whisper-1");
				form.part("response_format", "verbose_json");
				form.part("language", "en");
				long start = System.nanoTime();
				Mono<Void> transcribe = toAudio.post()
					.uri("/v1/audio/transcriptions")
					.contentType(MediaType.MULTIPART_FORM_DATA)
					.body(BodyInserters.fromMultipartData(form.build()))
					.retrieve()
					.bodyToMono(String.class)
					.doOnNext((body) -> steps.transcript.add(System.nanoTime() - start))
					.then();
				Map<String, Object> chat = Map.of("model", "bench-model", "stream", true, "stream_options",
						Map.of("include_usage", true), "messages",
						List.of(Map.of("role", "system", "content", Prompts.SYSTEM),
								Map.of("role", "user", "content", Prompts.user(candidate, question))));
				Mono<Void> grade = Mono.defer(() -> {
					long sent = System.nanoTime();
					long[] first = { 0 };
					SseReader reader = new SseReader((event) -> {
						if (first[0] == 0 && !"[DONE]".equals(event.data()) && DirectClient.hasContent(event.data())) {
							first[0] = event.arrivedNanos();
							steps.firstToken.add(first[0] - sent);
						}
					});
					return toModel.post()
						.uri("/v1/chat/completions")
						.contentType(MediaType.APPLICATION_JSON)
						.accept(MediaType.TEXT_EVENT_STREAM)
						.bodyValue(chat)
						.retrieve()
						.bodyToFlux(DataBuffer.class)
						.doOnNext(reader::feed)
						.then();
				});
				Mono<Void> speak = firstAudio(toAudio.post()
					.uri("/v1/audio/speech")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("model", "tts-1", "voice", "alloy", "input", "Summary " + candidate + "/" + question,
							"response_format", "mp3"))).doOnNext(steps.firstAudio::add).then();
				return transcribe.then(grade).then(speak);
			}).onErrorResume((ex) -> {
				steps.errors.add("direct: " + Errors.describe(ex));
				return Mono.empty();
			}));
		}
		return chain;
	}

	/** Sends the request and emits how long its first audio bytes took to arrive. */
	private static Mono<Long> firstAudio(WebClient.RequestHeadersSpec<?> request) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return request.exchangeToFlux((response) -> {
				if (!response.statusCode().is2xxSuccessful()) {
					return response.<DataBuffer>createError().flux();
				}
				return response.bodyToFlux(DataBuffer.class);
			}).take(1).map((DataBuffer buffer) -> {
				DataBufferUtils.release(buffer);
				return System.nanoTime() - start;
			}).single();
		});
	}

	private static ByteArrayResource file(byte[] recording) {
		return new ByteArrayResource(recording) {
			@Override
			public String getFilename() {
				return "answer.webm";
			}
		};
	}

	/** Latencies of each step of a spoken answer, and what failed. */
	static final class Steps {

		final Samples transcript = new Samples();

		final Samples firstToken = new Samples();

		final Samples firstAudio = new Samples();

		final Samples whole = new Samples();

		final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

	}

	/** One voice candidate through the service, signed in with a session like the page. */
	private static final class Candidate {

		private final CandidateClient client;

		Candidate(CandidateClient client) {
			this.client = client;
		}

		Mono<Void> interview(int questions, byte[] recording, Steps steps, long speakMs) {
			return this.client.post("/api/interviews")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("bankId", "bench", "questionCount", questions))
				.retrieve()
				.bodyToMono(String.class)
				.map(json::readTree)
				.flatMap((interview) -> answer(interview.get("id").asString(), interview.get("currentTurn"), questions,
						recording, steps, speakMs))
				.onErrorResume((ex) -> {
					steps.errors.add("service: " + Errors.describe(ex));
					return Mono.empty();
				});
		}

		/** Answers the turn by voice, then the next one, until {@code left} are answered. */
		private Mono<Void> answer(String interviewId, JsonNode turn, int left, byte[] recording, Steps steps,
				long speakMs) {
			if (left == 0 || turn == null || turn.isNull()) {
				return Mono.empty();
			}
			// the candidate speaks the answer first
			Mono<Void> speaking = (speakMs > 0) ? Mono.delay(Duration.ofMillis(speakMs)).then() : Mono.empty();
			return speaking.then(Mono.defer(() -> answerNow(interviewId, turn, left, recording, steps, speakMs)));
		}

		private Mono<Void> answerNow(String interviewId, JsonNode turn, int left, byte[] recording, Steps steps,
				long speakMs) {
			String turnId = turn.get("id").asString();
			MultipartBodyBuilder form = new MultipartBodyBuilder();
			form.part("file", file(recording)).contentType(MediaType.parseMediaType("audio/webm;codecs=opus"));
			form.part("language", "en");
			form.part("interviewId", interviewId);
			form.part("turnId", turnId);
			// the end of speech: the page uploads the recording the moment its voice detection ends the turn
			long endOfSpeech = System.nanoTime();
			return this.client.post("/api/speech/transcriptions")
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.body(BodyInserters.fromMultipartData(form.build()))
				.retrieve()
				.bodyToMono(String.class)
				.map(json::readTree)
				.flatMap((transcript) -> {
					long transcribed = System.nanoTime();
					steps.transcript.add(transcribed - endOfSpeech);
					Map<String, Object> body = new LinkedHashMap<>();
					body.put("text", transcript.get("text").asString());
					body.put("inputMode", "voice");
					body.put("durationSeconds", Math.max(1, transcript.path("speechSeconds").asDouble(1)));
					body.put("pauseCount", transcript.path("pauseCount").asInt(0));
					body.put("longestPauseSeconds", transcript.path("longestPauseSeconds").asDouble(0));
					AtomicReference<JsonNode> next = new AtomicReference<>();
					AtomicReference<String> summary = new AtomicReference<>();
					long[] first = { 0 };
					SseReader reader = new SseReader((event) -> {
						if ("feedback".equals(event.name()) && first[0] == 0) {
							first[0] = event.arrivedNanos();
							steps.firstToken.add(first[0] - transcribed);
						}
						else if ("verdict".equals(event.name())) {
							summary.set(json.readTree(event.data()).path("verdict").path("summary").asString(""));
						}
						else if ("question".equals(event.name())) {
							next.set(json.readTree(event.data()).get("turn"));
						}
					});
					return this.client.post("/api/interviews/{id}/turns/{turn}/answer", interviewId, turnId)
						.contentType(MediaType.APPLICATION_JSON)
						.accept(MediaType.TEXT_EVENT_STREAM)
						.bodyValue(body)
						.retrieve()
						.bodyToFlux(DataBuffer.class)
						.doOnNext(reader::feed)
						.then(Mono.defer(() -> {
							// the page speaks a one-sentence summary of the verdict: unique per answer, so
							// never served from the cache
							String sentence = "Score summary for " + turnId + ": " + summary.get();
							String spoken = sentence.substring(0, Math.min(sentence.length(), 400));
							return firstAudio(this.client.post("/api/speech/synthesis")
								.contentType(MediaType.APPLICATION_JSON)
								.bodyValue(Map.of("text", spoken, "language", "en"))).doOnNext((took) -> {
									steps.firstAudio.add(took);
									steps.whole.add(System.nanoTime() - endOfSpeech);
								}).then();
						}))
						.then(Mono.defer(() -> answer(interviewId, next.get(), left - 1, recording, steps, speakMs)));
				})
				.onErrorResume((ex) -> {
					steps.errors.add("service: " + Errors.describe(ex));
					return Mono.empty();
				});
		}

	}

	private Process start(String name, List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve(name + ".log").toFile())
			.start();
		synchronized (this.processes) {
			this.processes.add(process);
		}
		return process;
	}

	private void stopAll() {
		List<Process> started;
		synchronized (this.processes) {
			started = new ArrayList<>(this.processes);
			this.processes.clear();
		}
		for (Process process : started) {
			process.destroy();
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				LoadBenchmark.log("could not stop PostgreSQL: " + ex);
			}
			this.postgres = null;
		}
	}

}
