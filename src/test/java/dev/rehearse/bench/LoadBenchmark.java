package dev.rehearse.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.channel.ChannelOption;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The load and streaming benchmark behind {@code scripts/bench-load}: starts a fresh PostgreSQL, the
 * fake model server and the packaged service on loopback, runs N concurrent candidates straight
 * against the fake model (the lower bound) and then through the service, checks the database for lost
 * answers, stops everything it started and prints one JSON line on standard output (progress goes to
 * standard error).
 * <p>
 * Not a test (no {@code Tests} suffix), so {@code ./mvnw verify} never runs it.
 */
public final class LoadBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The fake OpenAI-compatible server of the examiner's tests, started in its own JVM. */
	static final String FAKE_MODEL_SERVER = "dev.rehearse.testsupport.FakeModelServer";

	private final BenchOptions options;

	private final List<Process> processes = new ArrayList<>();

	private EmbeddedPostgres postgres;

	private Path work;

	private LoadBenchmark(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) {
		// Standard output carries the one JSON line only: whatever libraries log (the embedded
		// PostgreSQL logs to the console) goes to standard error with the progress.
		java.io.PrintStream out = System.out;
		System.setOut(System.err);
		LoadBenchmark benchmark = new LoadBenchmark(BenchOptions.parse(args));
		Runtime.getRuntime().addShutdownHook(new Thread(benchmark::stopAll));
		int status = 0;
		try {
			out.println(json.writeValueAsString(benchmark.run()));
			out.flush();
		}
		catch (Throwable ex) {
			log("FAILED: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		finally {
			benchmark.stopAll();
		}
		System.exit(status);
	}

	private Map<String, Object> run() throws Exception {
		BenchOptions o = this.options;
		this.work = (o.workDirectory() != null) ? Files.createDirectories(o.workDirectory())
				: Files.createTempDirectory("rehearse-bench-");
		log("work directory " + this.work);

		// 1. PostgreSQL: fresh and embedded unless one is given; the driver owns it so that it can
		// still be queried after the service has stopped
		String jdbcUrl = o.databaseUrl();
		long postgresPid = -1;
		if (jdbcUrl == null) {
			this.postgres = EmbeddedPostgres.builder()
				.setDataDirectory(this.work.resolve("postgres"))
				.setCleanDataDirectory(true)
				// a real server's default (zonky turns it off): a committed answer is on disk
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "300")
				// counts the service's statements per answer (sqlStatementsPerAnswer)
				.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.start();
			jdbcUrl = "jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/postgres";
			postgresPid = postmasterPid(this.work.resolve("postgres"));
			log("PostgreSQL on " + jdbcUrl + " (pid " + postgresPid + ")");
		}

		// 2. The fake model server, in its own JVM so its CPU is its own
		int modelPort = freePort();
		Process model = start("fake-model", List.of(javaCommand(), "-Xmx512m", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), FAKE_MODEL_SERVER, Integer.toString(modelPort),
				Integer.toString(o.tokens()), Integer.toString(o.tokenDelayMs())));
		awaitPort(model, modelPort, Duration.ofSeconds(30));
		log("fake model server on port " + modelPort + " (pid " + model.pid() + ")");

		ConnectionProvider connections = ConnectionProvider.builder("bench")
			.maxConnections(o.candidates() * 2 + 100)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(o.answerTimeoutSeconds()))
			.build();
		LoopResources loops = LoopResources.create("bench-client", 2, true);
		Function<String, WebClient> clients = (base) -> WebClient.builder()
			.baseUrl(base)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
				.runOn(loops)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
				.responseTimeout(Duration.ofSeconds(o.answerTimeoutSeconds()))))
			.build();
		WebClient toModel = clients.apply("http://127.0.0.1:" + modelPort);
		Duration answerTimeout = Duration.ofSeconds(o.answerTimeoutSeconds());
		Duration runTimeout = Duration.ofSeconds(o.runTimeoutSeconds());


		Map<String, Object> result = new LinkedHashMap<>();
		result.put("candidates", o.candidates());
		result.put("questions", o.questions());
		result.put("tokens", o.tokens());
		result.put("tokenDelayMs", o.tokenDelayMs());
		result.put("auth", o.auth());
		result.put("nice", System.getenv().getOrDefault("REHEARSE_BENCH_NICE", "0"));
		result.put("serviceHeap", o.serviceHeap());
		Queue<String> answered = new ConcurrentLinkedQueue<>();

		// 4. Warm up the direct path (JIT), not measured
		if (o.warmupCandidates() > 0 && o.direct()) {
			log("warm-up: " + o.warmupCandidates() + " candidates straight to the model");
			runDirect(toModel, o.warmupCandidates(), new Tally(), answerTimeout, runTimeout);
		}

		// 5. The lower bound: the same clients straight to the fake model server
		Tally direct = new Tally();
		double directSeconds = 0;
		if (o.direct()) {
			log("direct: " + o.candidates() + " candidates x " + o.questions() + " gradings");
			CpuWindow cpu = new CpuWindow(Map.of("model", () -> ProcStats.cpuSeconds(model.pid()), "driver",
					() -> ProcStats.cpuSeconds(ProcessHandle.current().pid())));
			long start = System.nanoTime();
			Think.set(o.thinkMs());
			runDirect(toModel, o.candidates(), direct, answerTimeout, runTimeout);
			Think.set(0);
			directSeconds = (System.nanoTime() - start) / 1e9;
			result.put("direct", pathFigures(direct, directSeconds));
			result.put("directCpuSeconds", cpu.end());
		}

		if (!o.service()) {
			result.put("errors", direct.errorCount());
			result.put("errorKinds", direct.errorKinds());
			result.put("workDirectory", this.work.toString());
			return result;
		}

		// 3. The service
		int servicePort = freePort();
		int jmxPort = freePort();
		Process service = startService(servicePort, jmxPort, modelPort, jdbcUrl);
		awaitHealthy(service, servicePort, Duration.ofSeconds(180), this.work.resolve("service.log"));
		log("service on port " + servicePort + " (pid " + service.pid() + ")");

		WebClient toService = clients.apply("http://127.0.0.1:" + servicePort);
		String bankId = pickBank(toService);
		log("bank " + bankId);
		if (o.warmupCandidates() > 0) {
			log("warm-up: " + o.warmupCandidates() + " candidates through the service");
			List<CandidateClient> warm = signUp(toService, "warm", o.warmupCandidates(), answered, answerTimeout,
					runTimeout);
			runService(warm, bankId, new Tally(), runTimeout);
		}

		// 6. Through the service
		log("signing up " + o.candidates() + " candidates (" + o.auth() + " auth)");
		long signUpStart = System.nanoTime();
		List<CandidateClient> candidates = signUp(toService, "c", o.candidates(), answered, answerTimeout,
				runTimeout);
		result.put("signUpSeconds", round((System.nanoTime() - signUpStart) / 1e9));
		// think time in the measured window only: warm-ups and sign-ups answer back to back
		Think.set(o.thinkMs());
		log("service: " + candidates.size() + " candidates x " + o.questions() + " questions");
		Tally through = new Tally();
		long pgPid = postgresPid;
		Map<String, java.util.function.DoubleSupplier> measured = new LinkedHashMap<>();
		measured.put("service", () -> ProcStats.cpuSeconds(service.pid()));
		measured.put("model", () -> ProcStats.cpuSeconds(model.pid()));
		measured.put("postgres", () -> (pgPid > 0) ? ProcStats.treeCpuSeconds(pgPid) : 0);
		measured.put("driver", () -> ProcStats.cpuSeconds(ProcessHandle.current().pid()));
		CpuWindow cpu = new CpuWindow(measured);
		Map<String, Double> threadsAtStart = ProcStats.threadCpuSeconds(service.pid());
		JvmWatch jvm = new JvmWatch(jmxPort);
		if (o.jfr()) {
			jcmd(service.pid(), "JFR.start", "name=bench", "settings=profile");
		}
		boolean countStatements = o.databaseUrl() == null
				&& execute(jdbcUrl, "create extension if not exists pg_stat_statements")
				&& scalar(jdbcUrl, "select count(*) from (select pg_stat_statements_reset()) r") >= 0;
		jvm.start();
		long start = System.nanoTime();
		java.util.concurrent.ScheduledExecutorService histogram = null;
		if (o.jfr()) {
			// what the live heap holds half-way through the load (a full GC: skews the figures slightly, so
			// only with --jfr, the profiling run)
			long half = (long) o.candidates() * o.questions() / 2;
			histogram = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
			java.util.concurrent.ScheduledExecutorService self = histogram;
			histogram.scheduleAtFixedRate(() -> {
				if (through.answersSent.sum() >= half) {
					jcmdTo(service.pid(), this.work.resolve("heap-histogram.txt"), "GC.class_histogram");
					self.shutdown();
				}
			}, 1, 1, TimeUnit.SECONDS);
		}
		runService(candidates, bankId, through, runTimeout);
		if (histogram != null) {
			histogram.shutdownNow();
		}
		double serviceSeconds = (System.nanoTime() - start) / 1e9;
		JvmWatch.Figures heap = jvm.stop();
		// the service's statements in the window, BEGIN/COMMIT/ROLLBACK and the driver's own queries aside
		long statements = countStatements ? scalar(jdbcUrl, """
				select coalesce(sum(calls), 0) from pg_stat_statements
				where query !~* '^\\s*(begin|commit|rollback|start transaction)' and query !~* 'pg_stat'""") : -1;
		if (o.jfr()) {
			Path recording = this.work.resolve("service-window.jfr");
			jcmd(service.pid(), "JFR.stop", "name=bench", "filename=" + recording);
			result.put("flightRecording", recording.toString());
		}
		jvm.close();
		Map<String, Object> cpuUsed = cpu.end();
		Map<String, Double> threadsAtEnd = ProcStats.threadCpuSeconds(service.pid());
		double rss = ProcStats.peakRssMb(service.pid());

		if (!model.isAlive()) {
			// every grading after this fell back to the offline examiner or failed: say so loudly
			log("the fake model server ended during the run, exit code " + model.exitValue());
			result.put("modelServerExit", model.exitValue());
			through.error("fake model server ended (exit " + model.exitValue() + ")");
		}

		// 7. Connections the service holds (its pool at the end of the load), then stop it (graceful) and
		// count what the database holds
		result.put("serviceDatabaseConnections", scalar(jdbcUrl,
				"select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"));
		stop(service, Duration.ofSeconds(60));
		Set<String> sent = new HashSet<>(answered);
		long lost = lostAnswers(jdbcUrl, sent);

		// 8. The line
		long errors = through.errorCount() + direct.errorCount();
		result.put("answersGradedPerSecond", round(through.answersGraded.sum() / serviceSeconds));
		result.put("answersSent", through.answersSent.sum());
		result.put("answersGraded", through.answersGraded.sum());
		result.put("followUps", through.followUps.sum());
		result.put("fallbackVerdicts", through.fallbacks.sum());
		// every verdict should come from the model: a screened (off-topic) answer never reaches it
		result.put("verdictsBy", through.verdictsBy());
		Map<String, Object> ttft = new LinkedHashMap<>();
		ttft.put("service", percentiles(through.timeToFirstToken));
		ttft.put("direct", percentiles(direct.timeToFirstToken));
		ttft.put("added", added(through.timeToFirstToken, direct.timeToFirstToken));
		result.put("ttftMs", ttft);
		Map<String, Object> gap = new LinkedHashMap<>();
		gap.put("serviceP99", round(through.interTokenGap.percentileMillis(99)));
		gap.put("directP99", round(direct.interTokenGap.percentileMillis(99)));
		gap.put("addedP99", round(through.interTokenGap.percentileMillis(99) - direct.interTokenGap.percentileMillis(99)));
		gap.put("serviceMax", round(through.interTokenGap.maxMillis()));
		gap.put("directMax", round(direct.interTokenGap.maxMillis()));
		result.put("interTokenGapMs", gap);
		result.put("errors", errors);
		result.put("errorKinds", merge(through.errorKinds(), direct.errorKinds()));
		result.put("lostAnswers", lost);
		result.put("answersCheckedInDatabase", sent.size());
		result.put("service", pathFigures(through, serviceSeconds));
		result.put("serviceHeapPeakMb", heap.heapPeakMb());
		result.put("serviceHeapLiveMaxMb", heap.heapLiveMaxMb());
		result.put("serviceHeapMaxMb", heap.heapMaxMb());
		result.put("serviceRssPeakMb", round(rss));
		result.put("serviceCpuSeconds", cpuUsed.get("service"));
		result.put("serviceGc", Map.of("count", heap.gcCount(), "millis", heap.gcMillis(), "maxPauseMillis",
				heap.gcMaxPauseMillis()));
		result.put("servicePeakThreads", heap.peakThreads());
		result.put("threadsPeak", heap.peakThreads());
		result.put("thinkMs", o.thinkMs());
		Object serviceCpu = cpuUsed.get("service");
		long graded = through.answersGraded.sum();
		result.put("serviceCpuMsPerAnswer", (serviceCpu instanceof Number cpuSeconds && graded > 0)
				? round(cpuSeconds.doubleValue() * 1000 / graded) : null);
		// The JIT compiler's share apart: it is a one-off cost of a freshly started JVM (it keeps compiling
		// for minutes on two cores), so a short window shows more of it per answer than a service that has
		// run for a while pays. Both figures are printed; neither hides the other.
		double jitCpu = jitCpuSeconds(threadsAtStart, threadsAtEnd);
		result.put("serviceJitCpuSeconds", round(jitCpu));
		result.put("serviceCpuMsPerAnswerWithoutJit", (serviceCpu instanceof Number cpuSeconds && graded > 0)
				? round((cpuSeconds.doubleValue() - jitCpu) * 1000 / graded) : null);
		result.put("sqlStatementsPerAnswer", (statements >= 0 && through.answersSent.sum() > 0)
				? round((double) statements / through.answersSent.sum()) : null);
		result.put("answersQueued", through.queued.count());
		result.put("queuedMs", percentiles(through.queued));
		result.put("cpuSeconds", cpuUsed);
		result.put("serviceThreadCpuSeconds", threadCpu(threadsAtStart, threadsAtEnd));
		result.put("workDirectory", this.work.toString());
		loops.disposeLater().block(Duration.ofSeconds(10));
		connections.disposeLater().block(Duration.ofSeconds(10));
		return result;
	}

	private Process startService(int port, int jmxPort, int modelPort, String jdbcUrl) throws IOException {
		BenchOptions o = this.options;
		Path jar = (o.serviceJar() != null) ? o.serviceJar() : findServiceJar();
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx" + o.serviceHeap(),
				// JMX on loopback only, for the heap figures; nothing else listens
				"-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
				"-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
				"-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
		if (o.jfr()) {
			// the recording itself is started and dumped around the measured window (jcmd)
			command.add("-XX:+FlightRecorder");
		}
		command.addAll(o.serviceJvmArgs());
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--management.server.port=0",
				"--spring.ai.model.chat=openai", "--spring.ai.openai.base-url=http://127.0.0.1:" + modelPort + "/v1",
				"--spring.ai.openai.api-key=bench-key",
				"--rehearse.database.url=" + jdbcUrl, "--rehearse.database.username=" + o.databaseUser(),
				"--rehearse.database.password=" + o.databasePassword(), "--rehearse.database.embedded.enabled=false"));
		command.add("--rehearse.banks.directory=" + benchBankDirectory());
		for (String property : BENCH_PROPERTIES) {
			command.add("--" + property);
		}
		for (String property : o.serviceProperties()) {
			command.add("--" + property);
		}
		return start("service", command);
	}

	/**
	 * Settings the benchmark needs that a deployment would not use: the per-user rate limit raised (each
	 * candidate answers back to back, far faster than a person), no follow-up questions, so that every
	 * interview has exactly K answers, and no limit on registrations and interviews (all candidates come
	 * from one address).
	 */
	static final List<String> BENCH_PROPERTIES = List.of("rehearse.interview.rate-limit.answers-per-minute=1000",
			"rehearse.interview.follow-ups-per-question=0", "rehearse.security.limits.registrations=0",
			"rehearse.security.limits.interviews=0");

	private void runDirect(WebClient toModel, int count, Tally tally, Duration answerTimeout, Duration runTimeout) {
		runAtOnce(count, (i) -> new DirectClient(toModel, tally, answerTimeout).run(i, this.options.questions()), tally,
				runTimeout);
	}

	private List<CandidateClient> signUp(WebClient toService, String prefix, int count, Queue<String> answered,
			Duration answerTimeout, Duration runTimeout) {
		String run = Long.toString(Instant.now().getEpochSecond() % 100000, 36);
		List<CandidateClient> all = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			all.add(new CandidateClient(toService, "b" + run + prefix + i, "basic".equals(this.options.auth()),
					answerTimeout, answered));
		}
		// password hashing is CPU-bound: more at once than cores only queues them
		List<CandidateClient> ready = Flux.fromIterable(all)
			// a lost connection must not hang the run: each attempt is bounded and retried
			.flatMap((candidate) -> candidate.signUp()
				.timeout(Duration.ofSeconds(60))
				.retry(2)
				.thenReturn(candidate)
				.onErrorResume((ex) -> {
				log("sign-up failed: " + ex.getMessage());
				return Mono.empty();
			}), 8)
			.collectList()
			.timeout(runTimeout)
			.block();
		if (ready.size() < count) {
			throw new IllegalStateException((count - ready.size()) + " of " + count + " candidates could not sign up");
		}
		return ready;
	}

	private void runService(List<CandidateClient> candidates, String bankId, Tally tally, Duration runTimeout) {
		runAtOnce(candidates.size(),
				(i) -> candidates.get(i).interview(bankId, this.options.questions(), tally), tally, runTimeout);
	}

	/** Runs {@code count} clients at once (after the ramp), bounded by the run timeout, failures tallied. */
	private void runAtOnce(int count, java.util.function.IntFunction<Mono<Void>> client, Tally tally,
			Duration runTimeout) {
		Flux.range(0, count)
			.flatMap((i) -> ramp(i, count).then(Mono.defer(() -> client.apply(i))), count)
			.then()
			.timeout(runTimeout)
			.onErrorResume((ex) -> {
				tally.error("run: " + Errors.describe(ex));
				return Mono.empty();
			})
			.block();
	}

	private Mono<Void> ramp(int index, int count) {
		if (this.options.rampMs() <= 0) {
			return Mono.empty();
		}
		return Mono.delay(Duration.ofMillis((long) this.options.rampMs() * index / count)).then();
	}

	/** The first bank with enough questions for K, so every interview has K questions. */
	private String pickBank(WebClient toService) {
		String body = toService.get()
			.uri("/api/banks")
			.headers((h) -> h.setBasicAuth("bench-probe", "unused"))
			.exchangeToMono((response) -> response.bodyToMono(String.class))
			.block(Duration.ofSeconds(30));
		JsonNode banks = json.readTree((body != null) ? body : "[]");
		if (!banks.isArray()) {
			// /api/banks needs a user: sign one up and ask again
			return pickBankSignedIn(toService);
		}
		for (JsonNode bank : banks) {
			if (bank.path("questionCount").asInt() >= this.options.questions()) {
				return bank.path("id").asString();
			}
		}
		throw new IllegalStateException("No question bank has " + this.options.questions() + " questions: " + body);
	}

	private String pickBankSignedIn(WebClient toService) {
		String user = "bprobe" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		CandidateClient probe = new CandidateClient(toService, user, true, Duration.ofSeconds(30),
				new ConcurrentLinkedQueue<>());
		probe.signUp().block(Duration.ofSeconds(60));
		String body = toService.get()
			.uri("/api/banks")
			.headers((h) -> h.setBasicAuth(user, CandidateClient.password(user)))
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30));
		for (JsonNode bank : json.readTree(body)) {
			if (bank.path("questionCount").asInt() >= this.options.questions()) {
				return bank.path("id").asString();
			}
		}
		throw new IllegalStateException("No question bank has " + this.options.questions() + " questions: " + body);
	}

	/**
	 * Answers the clients sent that the database does not hold with a verdict. The schema belongs to
	 * the interview feature; {@link #LOST_ANSWERS_SQL} is the one query that knows it.
	 */
	private long lostAnswers(String jdbcUrl, Set<String> sent) throws Exception {
		if (sent.isEmpty()) {
			return 0;
		}
		Set<String> graded = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl, this.options.databaseUser(),
				this.options.databasePassword()); PreparedStatement statement = connection.prepareStatement(LOST_ANSWERS_SQL)) {
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					graded.add(rows.getString(1) + "/" + rows.getString(2));
				}
			}
		}
		long lost = sent.stream().filter((turn) -> !graded.contains(turn)).count();
		if (lost > 0) {
			log("lost answers, e.g. " + sent.stream().filter((turn) -> !graded.contains(turn)).limit(5).toList());
		}
		return lost;
	}

	private boolean execute(String jdbcUrl, String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, this.options.databaseUser(),
				this.options.databasePassword()); java.sql.Statement statement = connection.createStatement()) {
			statement.execute(sql);
			return true;
		}
		catch (Exception ex) {
			log("statement failed: " + ex);
			return false;
		}
	}

		private long scalar(String jdbcUrl, String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, this.options.databaseUser(),
				this.options.databasePassword()); ResultSet rows = connection.createStatement().executeQuery(sql)) {
			return rows.next() ? rows.getLong(1) : -1;
		}
		catch (Exception ex) {
			log("query failed: " + ex);
			return -1;
		}
	}

	/** Interview id and turn id of every turn with an answer and a stored verdict. */
	static final String LOST_ANSWERS_SQL = "select interview_id::text, id::text from turn "
			+ "where answer_text is not null and verdict is not null";

	private static Map<String, Object> pathFigures(Tally tally, double seconds) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("seconds", round(seconds));
		figures.put("answersSent", tally.answersSent.sum());
		figures.put("answersGraded", tally.answersGraded.sum());
		figures.put("answersGradedPerSecond", round(tally.answersGraded.sum() / seconds));
		figures.put("tokens", tally.tokens.sum());
		figures.put("ttftMs", percentiles(tally.timeToFirstToken));
		figures.put("interTokenGapMs", percentiles(tally.interTokenGap));
		figures.put("answerMs", percentiles(tally.answerDuration));
		if (tally.timeToSaved.count() > 0) {
			figures.put("savedMs", percentiles(tally.timeToSaved));
			figures.put("lastTokenToVerdictMs", percentiles(tally.lastTokenToVerdict));
			figures.put("startInterviewMs", percentiles(tally.startInterview));
		}
		figures.put("errors", tally.errorCount());
		return figures;
	}

	static Map<String, Object> percentiles(Samples samples) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("p50", round(samples.percentileMillis(50)));
		p.put("p95", round(samples.percentileMillis(95)));
		p.put("p99", round(samples.percentileMillis(99)));
		p.put("max", round(samples.maxMillis()));
		return p;
	}

	private static Map<String, Object> added(Samples service, Samples direct) {
		Map<String, Object> p = new LinkedHashMap<>();
		for (int percentile : new int[] { 50, 95, 99 }) {
			p.put("p" + percentile, round(service.percentileMillis(percentile) - direct.percentileMillis(percentile)));
		}
		return p;
	}

	/** CPU per thread group over the window, largest first, groups under 0.5 s left out. */
	private static Map<String, Object> threadCpu(Map<String, Double> start, Map<String, Double> end) {
		Map<String, Object> used = new LinkedHashMap<>();
		end.entrySet()
			.stream()
			.map((e) -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0.0)))
			.filter((e) -> e.getValue() >= 0.5)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach((e) -> used.put(e.getKey(), round(e.getValue())));
		return used;
	}

	/** CPU of the JIT compiler's threads over the window. */
	private static double jitCpuSeconds(Map<String, Double> start, Map<String, Double> end) {
		return end.entrySet()
			.stream()
			.filter((e) -> e.getKey().contains("CompilerThre"))
			.mapToDouble((e) -> e.getValue() - start.getOrDefault(e.getKey(), 0.0))
			.sum();
	}

	private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
		Map<String, Long> all = new java.util.TreeMap<>(a);
		b.forEach((k, v) -> all.merge(k, v, Long::sum));
		return all;
	}

	static Object round(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return null;
		}
		return Math.round(value * 10) / 10.0;
	}

	// processes

	private Process start(String name, List<String> command) throws IOException {
		Path logFile = this.work.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logFile.toFile())
			.start();
		synchronized (this.processes) {
			this.processes.add(process);
		}
		return process;
	}

	private void stop(Process process, Duration grace) {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				log("pid " + process.pid() + " did not stop in " + grace + ", killing it");
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private void stopAll() {
		List<Process> started;
		synchronized (this.processes) {
			started = new ArrayList<>(this.processes);
			this.processes.clear();
		}
		for (int i = started.size() - 1; i >= 0; i--) {
			stop(started.get(i), Duration.ofSeconds(30));
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				log("could not stop PostgreSQL: " + ex);
			}
			this.postgres = null;
		}
	}

	/** The benchmark's own small bank (test resources), so results do not depend on the seeds. */
	static Path benchBankDirectory() {
		try {
			return Path.of(LoadBenchmark.class.getResource("/bench/bench.md").toURI()).getParent();
		}
		catch (java.net.URISyntaxException | RuntimeException ex) {
			throw new IllegalStateException("bench/bench.md is not on the class path", ex);
		}
	}

	/** Runs the JDK's jcmd against the service (flight recordings of the measured window only). */
	private void jcmd(long pid, String... command) {
		jcmdTo(pid, this.work.resolve("jcmd.log"), command);
	}

	private void jcmdTo(long pid, Path output, String... command) {
		List<String> line = new ArrayList<>();
		line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		line.add(Long.toString(pid));
		line.addAll(List.of(command));
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
				.start();
			if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
				jcmd.destroyForcibly();
			}
		}
		catch (IOException ex) {
			log("jcmd failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static long postmasterPid(Path dataDirectory) {
		try {
			return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	static Path findServiceJar() throws IOException {
		try (var files = Files.list(Path.of("target"))) {
			return files
				.filter((p) -> p.getFileName().toString().matches("rehearse-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No target/rehearse-*.jar: run ./mvnw package first"));
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void awaitPort(Process process, int port, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("process " + process.pid() + " exited with " + process.exitValue());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("nothing listening on port " + port + " after " + timeout);
	}

	/** Waits until the service's {@code /readyz} says UP; fails at once when the service process has died. */
	static void awaitHealthy(Process service, int port, Duration timeout, Path log) throws InterruptedException {
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!service.isAlive()) {
				throw new IllegalStateException("the service exited with " + service.exitValue() + "; see " + log);
			}
			try {
				String health = client.get().uri("/readyz").retrieve().bodyToMono(String.class)
					.block(Duration.ofSeconds(5));
				if (health != null && health.contains("UP")) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the service was not healthy after " + timeout);
	}

	static void log(String message) {
		System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
	}

}
