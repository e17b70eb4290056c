package dev.rehearse.examiner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rehearse.examiner.CoverageScorer.Assessment;
import dev.rehearse.examiner.CoverageScorer.Features;
import dev.rehearse.examiner.CoverageScorer.Params;
import dev.rehearse.examiner.CoverageScorer.PointAssessment;
import dev.rehearse.examiner.ExaminerBenchmark.Row;
import dev.rehearse.examiner.ExaminerBenchmark.Stats;

/**
 * How the offline scorer's constants were chosen: measures every answer of the given datasets
 * once ({@link CoverageScorer#features}), then tries a grid of {@link Params} on the <em>tuning
 * half</em> of each dataset only (see {@link ExaminerBenchmark#tuningHalf}) and prints the best
 * settings whose ladder stays in order. Not a test; run it with
 * {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.rehearse.examiner.ExaminerTuning -Dexec.args="A.csv B.csv ladder.csv"}
 * ({@code --show} instead prints the ladder's verdicts with the current constants).
 */
public final class ExaminerTuning {

	private ExaminerTuning() {
	}

	record Measured(List<Row> rows, List<Features> features, boolean[] tuning, boolean ladder) {
	}

	public static void main(String[] args) throws Exception {
		boolean show = List.of(args).contains("--show");
		OfflineEmbeddings embeddings = new OfflineEmbeddings(4096);
		embeddings.load();
		CoverageScorer scorer = new CoverageScorer(embeddings);
		List<Measured> sets = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--") || !arg.endsWith(".csv")) {
				continue;
			}
			List<Row> rows = ExaminerBenchmark.read(Path.of(arg), Integer.MAX_VALUE);
			boolean ladder = rows.stream().anyMatch((row) -> !row.rung().isEmpty());
			boolean[] tuning = ExaminerBenchmark.tuningHalf(rows);
			List<Features> features = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				// the held-out half is never measured here, so it cannot leak into the choice
				features.add((ladder || tuning[i]) ? scorer.features(ExaminerBenchmark.question(rows.get(i)),
						rows.get(i).answer()) : null);
			}
			sets.add(new Measured(rows, features, tuning, ladder));
			System.err.println("measured " + arg);
		}
		int dump = List.of(args).indexOf("--dump");
		if (dump >= 0) {
			// one line per measured row (tuning halves and the ladder only): for exploring the
			// scoring function outside the JVM
			try (java.io.PrintWriter out = new java.io.PrintWriter(args[dump + 1], "UTF-8")) {
				for (Measured set : sets) {
					for (int i = 0; i < set.rows().size(); i++) {
						Features f = set.features().get(i);
						if (f == null) {
							continue;
						}
						StringBuilder line = new StringBuilder();
						line.append(set.rows().get(i).id()).append('\t').append(set.rows().get(i).score()).append('\t')
							.append(f.similarity()).append(',').append(f.referenceRecall()).append('\t').append(f.salad()).append('\t').append(f.hedging());
						for (CoverageScorer.PointFeatures p : f.points()) {
							line.append('\t').append(p.raw()).append(',').append(p.titleRaw()).append(',')
								.append(p.supported()).append(',').append(p.namedAbout()).append(',')
								.append(p.semantic()).append(',').append(p.lexical());
						}
						out.println(line);
					}
				}
			}
			return;
		}
		if (show) {
			for (Measured set : sets) {
				if (set.ladder()) {
					show(set, Params.DEFAULTS);
				}
			}
			System.out.println(report(sets, Params.DEFAULTS));
			return;
		}
		List<String> results = new ArrayList<>();
		for (double partly : new double[] { 0.25, 0.3, 0.35 }) {
			for (double covered : new double[] { 0.45, 0.5, 0.55, 0.6 }) {
				for (double fully : new double[] { covered + 0.1, covered + 0.2 }) {
					for (double missed : new double[] { 0.05, 0.1, 0.2 }) {
						for (double share : new double[] { 0.5, 0.75, 1 }) {
							for (double fullAt : new double[] { 0.6, 0.75, 0.9 }) {
								for (double similarity : new double[] { 0.2, 0.3, 0.4 }) {
									for (double title : new double[] { 0, 0.8, 0.9, 1 }) {
									Params params = new Params(partly, covered, fully, missed, share, fullAt, similarity, title);
									results.add(report(sets, params));
									}
								}
							}
						}
					}
				}
			}
		}
		results.sort((a, b) -> Double.compare(objective(b), objective(a)));
		results.stream().limit(15).forEach(System.out::println);
		System.out.println("current: " + report(sets, Params.DEFAULTS));
	}

	private static double objective(String report) {
		// "ordered=N min=P ..." : ladder order first, then the lower of the tuning halves' Pearson
		String[] parts = report.split(" ");
		return Integer.parseInt(parts[0].substring(8)) * 10 + Double.parseDouble(parts[1].substring(4));
	}

	static String report(List<Measured> sets, Params params) {
		StringBuilder text = new StringBuilder();
		int ordered = 0;
		double min = 1;
		for (Measured set : sets) {
			List<Double> predicted = new ArrayList<>();
			List<Double> human = new ArrayList<>();
			List<Row> rows = new ArrayList<>();
			for (int i = 0; i < set.rows().size(); i++) {
				if (set.features().get(i) != null && (set.ladder() || set.tuning()[i])) {
					predicted.add(CoverageScorer.judge(set.features().get(i), params).score());
					human.add(set.rows().get(i).score());
					rows.add(set.rows().get(i));
				}
			}
			double[] p = predicted.stream().mapToDouble(Double::doubleValue).toArray();
			double[] h = human.stream().mapToDouble(Double::doubleValue).toArray();
			double r = Stats.pearson(p, h);
			if (set.ladder()) {
				Map<String, List<String>> failures = ExaminerBenchmark.ladderFailures(rows, p);
				ordered = (int) failures.values().stream().filter(List::isEmpty).count();
				text.append(String.format(Locale.ROOT, " ladder r=%.3f", r));
			}
			else {
				min = Math.min(min, r);
				text.append(String.format(Locale.ROOT, " tuning r=%.4f", r));
			}
		}
		return String.format(Locale.ROOT, "ordered=%d min=%.4f %s%s", ordered, min, params, text);
	}

	private static void show(Measured set, Params params) {
		double[] predicted = new double[set.rows().size()];
		for (int i = 0; i < set.rows().size(); i++) {
			Row row = set.rows().get(i);
			Assessment assessment = CoverageScorer.judge(set.features().get(i), params);
			predicted[i] = assessment.score();
			System.out.printf(Locale.ROOT, "%-22s %4.1f (human %4.1f)%s%s%n", row.id(), assessment.score(), row.score(),
					assessment.contentFree() ? " content-free" : "", assessment.salad() ? " salad" : "");
			for (int p = 0; p < assessment.points().size(); p++) {
				PointAssessment point = assessment.points().get(p);
				System.out.printf(Locale.ROOT, "    %-7s %.2f raw %.2f %s | %s%n", point.coverage(), point.value(),
						set.features().get(i).points().get(p).raw(params), KeyPointsShort.of(point.point().title()),
						point.evidence());
			}
		}
		ExaminerBenchmark.ladderFailures(set.rows(), predicted)
			.forEach((question, broken) -> System.out.println(question + " " + broken));
	}

	private static final class KeyPointsShort {

		static String of(String title) {
			return dev.rehearse.questionbank.KeyPoints.shorten(title, 12);
		}

	}

}
