package dev.rehearse.examiner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.questionbank.BankFiles;
import dev.rehearse.questionbank.KeyPoints;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The examiner benchmark behind {@code scripts/bench-examiner}: grades every row of a CSV
 * {@code id,question,reference_answer,student_answer,score} and prints one JSON line of agreement
 * with the human scores. Needs no database and no application context. Not a test: run it through
 * the script.
 */
public final class ExaminerBenchmark {

	private static final int WARM_UP_ROWS = 5;

	private ExaminerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// Keep stdout for the one JSON line: logging set up later writes to what System.out is then.
		PrintStream out = System.out;
		System.setOut(System.err);
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("usage: scripts/bench-examiner DATASET.csv [--examiner offline|llm] [--limit N]");
			System.exit(2);
			return;
		}
		List<Row> rows = read(options.dataset(), options.limit());
		if (rows.isEmpty()) {
			System.err.println("No rows in " + options.dataset());
			System.exit(2);
		}
		Examiner examiner = examiner(options.examiner());
		try {
			out.println(run(examiner, options, rows));
		}
		finally {
			if (examiner instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
		System.exit(0);
	}

	/**
	 * The examiner to measure: the offline one directly, or the LLM examiner exactly as the
	 * application builds it from its configuration ({@code REHEARSE_LLM_PROVIDER},
	 * {@code OPENAI_BASE_URL}, … — see the README), with the answer screening in front of it.
	 */
	static Examiner examiner(String kind) {
		return switch (kind) {
			case "offline" -> new OfflineExaminer(OfflineExaminerProperties.defaults());
			case "llm" -> {
				ConfigurableApplicationContext context = ExaminerOnlyApplication.start();
				Examiner examiner = context.getBean(Examiner.class);
				if (!"llm".equals(examiner.info().kind())) {
					context.close();
					System.err.println("--examiner llm: no model is configured. Set REHEARSE_LLM_PROVIDER=openai "
							+ "(with OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL) or ollama (OLLAMA_BASE_URL, "
							+ "OLLAMA_MODEL).");
					System.exit(3);
				}
				yield new ClosingExaminer(examiner, context);
			}
			default -> throw new IllegalStateException("unknown examiner " + kind);
		};
	}

	/** An examiner that closes the application context it came from. */
	private record ClosingExaminer(Examiner delegate, ConfigurableApplicationContext context)
			implements Examiner, AutoCloseable {

		@Override
		public reactor.core.publisher.Flux<GradingEvent> grade(GradingRequest request) {
			return this.delegate.grade(request);
		}

		@Override
		public reactor.core.publisher.Mono<String> spokenQuestion(QuestionContext question) {
			return this.delegate.spokenQuestion(question);
		}

		@Override
		public reactor.core.publisher.Mono<String> followUp(GradingRequest request, Verdict verdict) {
			return this.delegate.followUp(request, verdict);
		}

		@Override
		public ExaminerInfo info() {
			return this.delegate.info();
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	static String run(Examiner examiner, Options options, List<Row> rows) throws IOException {
		long start = System.nanoTime();
		long loadMillis = (examiner instanceof OfflineExaminer offline) ? offline.load().block().toMillis() : 0;
		// warm-up: load the models and let the JIT settle, outside the latency figures
		for (int i = 0; i < Math.min(WARM_UP_ROWS, rows.size()); i++) {
			grade(examiner, rows.get(i));
		}
		long cpuStart = processCpuNanos();
		double[] human = new double[rows.size()];
		double[] predicted = new double[rows.size()];
		double[] millis = new double[rows.size()];
		List<Verdict> verdicts = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			long t0 = System.nanoTime();
			Verdict verdict = grade(examiner, rows.get(i));
			millis[i] = (System.nanoTime() - t0) / 1e6;
			human[i] = rows.get(i).score();
			predicted[i] = verdict.score();
			verdicts.add(verdict);
			if ((i + 1) % 200 == 0) {
				System.err.printf(Locale.ROOT, "%d/%d graded%n", i + 1, rows.size());
			}
		}
		double cpuMillisPerAnswer = (processCpuNanos() - cpuStart) / 1e6 / rows.size();
		double seconds = (System.nanoTime() - start) / 1e9;
		Path predictions = writePredictions(options, rows, verdicts);
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		Verdict.Provenance provenance = verdicts.get(0).provenance();
		boolean[] tuning = tuningHalf(rows);
		return String.format(Locale.ROOT,
				"{\"dataset\":\"%s\",\"examiner\":\"%s\",\"model\":\"%s\",\"version\":\"%s\",\"n\":%d,"
						+ "\"pearson\":%.4f,\"pearson_tuning_half\":%.4f,\"pearson_held_out_half\":%.4f,\"spearman\":%.4f,\"rmse\":%.4f,\"seconds\":%.1f,"
						+ "\"latency_ms\":{\"mean\":%.1f,\"p50\":%.1f,\"p95\":%.1f},\"cpu_ms_per_answer\":%.1f,\"model_load_ms\":%d,"
						+ "\"cpus\":%d,\"load_average\":%.1f,\"predictions\":\"%s\"%s}",
				json(options.dataset().getFileName().toString()), json(provenance.examiner()),
				json(provenance.model()), json(provenance.promptVersion()), rows.size(), Stats.pearson(predicted, human),
				Stats.pearson(select(predicted, tuning, true), select(human, tuning, true)),
				Stats.pearson(select(predicted, tuning, false), select(human, tuning, false)),
				Stats.spearman(predicted, human), Stats.rmseAfterLinearFit(predicted, human), seconds,
				Arrays.stream(millis).average().orElse(0), Stats.quantile(sorted, 0.5), Stats.quantile(sorted, 0.95),
				cpuMillisPerAnswer, loadMillis, Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), json(predictions.toString()),
				ladderJson(rows, predicted));
	}

	/** CPU time of the whole process (all threads, ONNX Runtime's included): unlike latency, not inflated by other work on the machine. */
	private static long processCpuNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : 0;
	}

	/**
	 * Splits the questions in two halves for tuning and held-out reporting: questions ordered by
	 * their id (a row's id up to its last underscore, e.g. {@code mohler_1.10} of
	 * {@code mohler_1.10_03}), the 1st, 3rd, 5th... form the tuning half (see docs/benchmarks.md).
	 */
	static boolean[] tuningHalf(List<Row> rows) {
		List<String> questions = rows.stream().map(ExaminerBenchmark::questionId).distinct().sorted().toList();
		boolean[] tuning = new boolean[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			tuning[i] = questions.indexOf(questionId(rows.get(i))) % 2 == 0;
		}
		return tuning;
	}

	static String questionId(Row row) {
		int end = row.id().lastIndexOf('_');
		return (end > 0) ? row.id().substring(0, end) : row.id();
	}

	private static double[] select(double[] values, boolean[] mask, boolean wanted) {
		List<Double> selected = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			if (mask[i] == wanted) {
				selected.add(values[i]);
			}
		}
		return selected.stream().mapToDouble(Double::doubleValue).toArray();
	}

	static Verdict grade(Examiner examiner, Row row) {
		List<GradingEvent> events = examiner.grade(new GradingRequest(question(row), row.answer())).collectList().block();
		GradingEvent last = events.get(events.size() - 1);
		return ((GradingEvent.Graded) last).verdict();
	}

	/**
	 * The question a row is graded against: for a ladder row the bank's own question (key points
	 * as the bank loader reads them), otherwise key points derived from the reference answer.
	 */
	static QuestionContext question(Row row) {
		if (!row.bank().isEmpty()) {
			BankFiles.BankQuestion question = bankQuestions().get(row.question());
			if (question == null || !question.bankId().equals(row.bank())) {
				throw new IllegalStateException(row.id() + ": no question \"" + row.question() + "\" in bank " + row.bank()
						+ " under " + BANKS);
			}
			return new QuestionContext(question.text(), question.referenceAnswer(), question.keyPoints(),
					question.language());
		}
		return new QuestionContext(row.question(), row.reference(), KeyPoints.fromAnswer(row.reference()),
				OfflineText.isChinese(row.question()) ? "zh" : "en");
	}

	/** The banks the ladder's questions come from: the shipped ones, read as the application reads them. */
	static final Path BANKS = Path.of("seeds");

	private static Map<String, BankFiles.BankQuestion> banks;

	private static synchronized Map<String, BankFiles.BankQuestion> bankQuestions() {
		if (banks == null) {
			try {
				banks = BankFiles.byText(BANKS);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return banks;
	}

	/**
	 * The ladder's ordering rules, per question (rows grouped by id up to the last underscore):
	 * strong &gt; partial &gt; wrong, ramble &le; 1, off-topic &le; 1, salad &lt; partial. Returns each
	 * question's broken rules; a question with none is in order.
	 */
	static Map<String, List<String>> ladderFailures(List<Row> rows, double[] predicted) {
		Map<String, Map<String, Double>> byQuestion = new TreeMap<>();
		for (int i = 0; i < rows.size(); i++) {
			if (!rows.get(i).rung().isEmpty()) {
				byQuestion.computeIfAbsent(questionId(rows.get(i)), (key) -> new HashMap<>())
					.put(rows.get(i).rung(), predicted[i]);
			}
		}
		Map<String, List<String>> failures = new TreeMap<>();
		byQuestion.forEach((question, rungs) -> {
			List<String> broken = new ArrayList<>();
			double strong = rungs.getOrDefault("strong", Double.NaN);
			double partial = rungs.getOrDefault("partial", Double.NaN);
			double wrong = rungs.getOrDefault("wrong", Double.NaN);
			if (!(strong > partial)) {
				broken.add("strong " + strong + " <= partial " + partial);
			}
			if (!(partial > wrong)) {
				broken.add("partial " + partial + " <= wrong " + wrong);
			}
			if (rungs.containsKey("ramble") && rungs.get("ramble") > 1) {
				broken.add("ramble " + rungs.get("ramble") + " > 1");
			}
			if (rungs.containsKey("offtopic") && rungs.get("offtopic") > 1) {
				broken.add("offtopic " + rungs.get("offtopic") + " > 1");
			}
			if (rungs.containsKey("salad") && !(rungs.get("salad") < partial)) {
				broken.add("salad " + rungs.get("salad") + " >= partial " + partial);
			}
			failures.put(question, broken);
		});
		return failures;
	}

	private static String ladderJson(List<Row> rows, double[] predicted) {
		Map<String, List<String>> failures = ladderFailures(rows, predicted);
		if (failures.isEmpty()) {
			return "";
		}
		long ordered = failures.values().stream().filter(List::isEmpty).count();
		String broken = failures.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isEmpty())
			.map((entry) -> "\"" + json(entry.getKey() + ": " + String.join("; ", entry.getValue())) + "\"")
			.collect(java.util.stream.Collectors.joining(","));
		return String.format(Locale.ROOT, ",\"ladder\":{\"questions\":%d,\"ordered\":%d,\"broken\":[%s]}",
				failures.size(), ordered, broken);
	}

	static List<Row> read(Path dataset, int limit) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		List<Row> rows = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(dataset, StandardCharsets.UTF_8)) {
			for (CSVRecord record : format.parse(reader)) {
				if (rows.size() >= limit) {
					break;
				}
				rows.add(new Row(record.get("id"), record.get("question"), record.get("reference_answer"),
						record.get("student_answer"), Double.parseDouble(record.get("score")), optional(record, "rung"),
						optional(record, "bank")));
			}
		}
		return rows;
	}

	private static String optional(CSVRecord record, String column) {
		return record.isMapped(column) ? record.get(column).strip() : "";
	}

	static Path writePredictions(Options options, List<Row> rows, List<Verdict> verdicts) throws IOException {
		String name = options.dataset().getFileName().toString().replaceFirst("\\.csv$", "");
		Path file = Path.of("target", "bench", name + "-" + options.examiner() + "-predictions.csv").toAbsolutePath();
		Files.createDirectories(file.getParent());
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
					.setHeader("id", "human_score", "predicted_score", "covered", "partly", "missed")
					.get())) {
			for (int i = 0; i < rows.size(); i++) {
				Verdict verdict = verdicts.get(i);
				printer.printRecord(rows.get(i).id(), rows.get(i).score(), verdict.score(),
						verdict.keyPoints(Coverage.COVERED).size(), verdict.keyPoints(Coverage.PARTLY).size(),
						verdict.keyPoints(Coverage.MISSED).size());
			}
		}
		return file;
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	/**
	 * One graded answer. A ladder row also names its rung and bank: its key points then come from
	 * the bank itself (looked up by question text), not from the reference answer.
	 */
	record Row(String id, String question, String reference, String answer, double score, String rung, String bank) {

		Row(String id, String question, String reference, String answer, double score) {
			this(id, question, reference, answer, score, "", "");
		}

	}

	record Options(Path dataset, String examiner, int limit) {

		static Options parse(String[] args) {
			Path dataset = null;
			String examiner = "offline";
			int limit = Integer.MAX_VALUE;
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--examiner" -> examiner = value(args, ++i, "--examiner");
					case "--limit" -> limit = Integer.parseInt(value(args, ++i, "--limit"));
					default -> {
						if (args[i].startsWith("--") || dataset != null) {
							throw new IllegalArgumentException("unexpected argument: " + args[i]);
						}
						dataset = Path.of(args[i]);
					}
				}
			}
			if (dataset == null || !Files.isReadable(dataset)) {
				throw new IllegalArgumentException("a readable DATASET.csv is required");
			}
			if (!examiner.equals("offline") && !examiner.equals("llm")) {
				throw new IllegalArgumentException("--examiner must be offline or llm");
			}
			if (limit < 1) {
				throw new IllegalArgumentException("--limit must be positive");
			}
			return new Options(dataset, examiner, limit);
		}

		private static String value(String[] args, int i, String name) {
			if (i >= args.length) {
				throw new IllegalArgumentException(name + " needs a value");
			}
			return args[i];
		}

	}

	/** Agreement statistics. */
	static final class Stats {

		private Stats() {
		}

		static double pearson(double[] x, double[] y) {
			double mx = mean(x);
			double my = mean(y);
			double sxy = 0;
			double sxx = 0;
			double syy = 0;
			for (int i = 0; i < x.length; i++) {
				sxy += (x[i] - mx) * (y[i] - my);
				sxx += (x[i] - mx) * (x[i] - mx);
				syy += (y[i] - my) * (y[i] - my);
			}
			return (sxx == 0 || syy == 0) ? 0 : sxy / Math.sqrt(sxx * syy);
		}

		/** Pearson of the ranks, ties sharing their average rank. */
		static double spearman(double[] x, double[] y) {
			return pearson(ranks(x), ranks(y));
		}

		/** Root mean square error after the least-squares line from predictions to the human scale. */
		static double rmseAfterLinearFit(double[] x, double[] y) {
			double mx = mean(x);
			double my = mean(y);
			double sxy = 0;
			double sxx = 0;
			for (int i = 0; i < x.length; i++) {
				sxy += (x[i] - mx) * (y[i] - my);
				sxx += (x[i] - mx) * (x[i] - mx);
			}
			double slope = (sxx == 0) ? 0 : sxy / sxx;
			double intercept = my - slope * mx;
			double sum = 0;
			for (int i = 0; i < x.length; i++) {
				double error = y[i] - (intercept + slope * x[i]);
				sum += error * error;
			}
			return Math.sqrt(sum / x.length);
		}

		static double quantile(double[] sorted, double q) {
			return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
		}

		static double[] ranks(double[] values) {
			Integer[] order = new Integer[values.length];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			Arrays.sort(order, Comparator.comparingDouble((i) -> values[i]));
			double[] ranks = new double[values.length];
			int i = 0;
			while (i < order.length) {
				int j = i;
				while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
					j++;
				}
				double rank = (i + j) / 2.0 + 1;
				for (int k = i; k <= j; k++) {
					ranks[order[k]] = rank;
				}
				i = j + 1;
			}
			return ranks;
		}

		private static double mean(double[] values) {
			return Arrays.stream(values).average().orElse(0);
		}

	}

}
