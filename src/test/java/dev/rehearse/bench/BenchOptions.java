package dev.rehearse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code scripts/bench-load} was asked to do.
 *
 * @param candidates concurrent candidates (N)
 * @param questions questions per interview (K)
 * @param tokens tokens the fake model streams per grading (T)
 * @param tokenDelayMs delay between those tokens (D)
 * @param serviceJar the packaged service to start
 * @param workDirectory where logs, the database and any flight recording go
 * @param serviceHeap the service's {@code -Xmx}
 * @param serviceJvmArgs further JVM options for the service
 * @param serviceProperties further {@code key=value} Spring properties for the service
 * @param databaseUrl an existing PostgreSQL to use instead of a fresh embedded one (JDBC URL), or null
 * @param databaseUser user for {@link #databaseUrl}
 * @param databasePassword password for {@link #databaseUrl}
 * @param auth {@code session} (log in once, then the session cookie, as the browser does) or {@code basic}
 * (HTTP Basic on every request, as a script does: one password hash per request)
 * @param warmupCandidates candidates run once through each path before measuring, so the JIT has compiled
 * the hot paths
 * @param rampMs spread the candidates' starts over this many milliseconds (0: all at once)
 * @param answerTimeoutSeconds give up on one answer's stream after this long
 * @param runTimeoutSeconds give up on a whole phase after this long
 * @param jfr record the service with Java Flight Recorder (profile settings) into the work directory
 * @param direct also run the clients straight against the fake model server
 * @param service run the clients through the service (off: only the direct lower bound, to check the set-up)
 * @param thinkMs a candidate's think time before each answer, with jitter (see {@link Think}; 0: none)
 */
record BenchOptions(int candidates, int questions, int tokens, int tokenDelayMs, Path serviceJar, Path workDirectory,
		String serviceHeap, List<String> serviceJvmArgs, List<String> serviceProperties, String databaseUrl,
		String databaseUser, String databasePassword, String auth, int warmupCandidates, int rampMs,
		int answerTimeoutSeconds, int runTimeoutSeconds, boolean jfr, boolean direct, boolean service, int thinkMs) {

	static BenchOptions parse(String[] args) {
		int candidates = 100;
		int questions = 3;
		int tokens = 120;
		int tokenDelayMs = 10;
		Path serviceJar = null;
		Path workDirectory = null;
		String serviceHeap = "512m";
		List<String> jvmArgs = new ArrayList<>();
		List<String> properties = new ArrayList<>();
		String databaseUrl = null;
		String databaseUser = "postgres";
		String databasePassword = "";
		String auth = "session";
		int warmup = -1;
		int rampMs = 0;
		int answerTimeout = 300;
		int runTimeout = 900;
		boolean jfr = false;
		boolean direct = true;
		boolean service = true;
		int thinkMs = 0;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String value = (arg.contains("=")) ? arg.substring(arg.indexOf('=') + 1) : null;
			String name = (value != null) ? arg.substring(0, arg.indexOf('=')) : arg;
			if (value == null && !name.equals("--jfr") && !name.equals("--no-direct") && !name.equals("--no-service")) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				value = args[++i];
			}
			switch (name) {
				case "--candidates" -> candidates = positive(name, value);
				case "--questions" -> questions = positive(name, value);
				case "--tokens" -> tokens = positive(name, value);
				case "--token-delay-ms" -> tokenDelayMs = Integer.parseInt(value);
				case "--service-jar" -> serviceJar = Path.of(value);
				case "--work-dir" -> workDirectory = Path.of(value);
				case "--service-heap" -> serviceHeap = value;
				case "--service-jvm-arg" -> jvmArgs.add(value);
				case "--service-prop" -> properties.add(value);
				case "--database-url" -> databaseUrl = value;
				case "--database-user" -> databaseUser = value;
				case "--database-password" -> databasePassword = value;
				case "--auth" -> auth = value;
				case "--warmup" -> warmup = Integer.parseInt(value);
				case "--ramp-ms" -> rampMs = Integer.parseInt(value);
				case "--answer-timeout-seconds" -> answerTimeout = positive(name, value);
				case "--run-timeout-seconds" -> runTimeout = positive(name, value);
				case "--jfr" -> jfr = true;
				case "--no-direct" -> direct = false;
				case "--no-service" -> service = false;
				case "--think-ms" -> thinkMs = Integer.parseInt(value);
				default -> throw new IllegalArgumentException("Unknown option " + name);
			}
		}
		if (candidates > 5000 || questions > 20 || tokens > 2000) {
			throw new IllegalArgumentException("Counts are bounded: at most 5000 candidates, 20 questions, 2000 tokens");
		}
		if (!auth.equals("session") && !auth.equals("basic")) {
			throw new IllegalArgumentException("--auth is session or basic");
		}
		if (warmup < 0) {
			warmup = Math.min(candidates, 50);
		}
		return new BenchOptions(candidates, questions, tokens, tokenDelayMs, serviceJar, workDirectory, serviceHeap,
				List.copyOf(jvmArgs), List.copyOf(properties), databaseUrl, databaseUser, databasePassword, auth,
				warmup, rampMs, answerTimeout, runTimeout, jfr, direct, service, thinkMs);
	}

	private static int positive(String name, String value) {
		int number = Integer.parseInt(value);
		if (number <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return number;
	}

}
