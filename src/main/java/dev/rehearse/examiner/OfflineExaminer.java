package dev.rehearse.examiner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.examiner.CoverageScorer.Assessment;
import dev.rehearse.examiner.CoverageScorer.PointAssessment;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;
import dev.rehearse.examiner.Verdict.Provenance;
import dev.rehearse.questionbank.KeyPoints;
import dev.rehearse.system.Language;

/**
 * Grades without any network: an automatic estimate of how much of the reference's key points an
 * answer covers (see {@link CoverageScorer}), with templated feedback that says so. Deterministic:
 * the same request always gets the same verdict. Embedding work runs on its own bounded scheduler,
 * never on the caller's (event loop) thread.
 */
class OfflineExaminer implements Examiner, TextSimilarity, AutoCloseable {

	static final String KIND = "offline";

	static final String PROVIDER = "local";

	private static final Log logger = LogFactory.getLog(OfflineExaminer.class);

	private final OfflineEmbeddings embeddings;

	private final CoverageScorer scorer;

	private final Scheduler scheduler;

	private final int maxAnswerChars;

	OfflineExaminer(OfflineExaminerProperties properties) {
		this.embeddings = new OfflineEmbeddings(properties.cacheSize());
		this.scorer = new CoverageScorer(this.embeddings);
		this.scheduler = Schedulers.newBoundedElastic(properties.threads(), properties.queueSize(), "offline-examiner");
		this.maxAnswerChars = properties.maxAnswerChars();
	}

	@Override
	public Flux<GradingEvent> grade(GradingRequest request) {
		return Mono.fromCallable(() -> verdictFor(request))
			.subscribeOn(this.scheduler)
			.flatMapMany((verdict) -> Flux.fromIterable(feedback(request.question(), verdict))
				.<GradingEvent>map(GradingEvent.Feedback::new)
				.concatWith(Mono.just(new GradingEvent.Graded(verdict))));
	}

	@Override
	public Mono<String> spokenQuestion(QuestionContext question) {
		return Mono.just(SpokenTemplates.spokenQuestion(question));
	}

	@Override
	public Mono<String> followUp(GradingRequest request, Verdict verdict) {
		return Mono.just(SpokenTemplates.followUp(request.question(), verdict));
	}

	@Override
	public ExaminerInfo info() {
		return new ExaminerInfo(KIND, PROVIDER, "Offline examiner");
	}

	@Override
	public Mono<double[]> similarities(String query, List<String> texts) {
		return Mono.fromCallable(() -> {
			boolean zh = Language.hasHan(query)
					|| texts.stream().anyMatch(Language::hasHan);
			OfflineEmbeddings.Model model = zh ? OfflineEmbeddings.Model.ZH : OfflineEmbeddings.Model.EN;
			float[] target = this.embeddings.embed(model, query);
			double[] similarities = new double[texts.size()];
			for (int i = 0; i < similarities.length; i++) {
				similarities[i] = OfflineEmbeddings.cosine(target, this.embeddings.embedCached(model, texts.get(i)));
			}
			return similarities;
		}).subscribeOn(this.scheduler);
	}

	/** Loads the embedding models on the examiner's scheduler; completes with the time it took. */
	Mono<Duration> load() {
		return Mono.fromCallable(() -> {
			long start = System.nanoTime();
			this.embeddings.load();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			logger.info("Offline examiner loaded its embedding models in " + took.toMillis() + " ms");
			return took;
		}).subscribeOn(this.scheduler);
	}

	/** Grades on the calling thread; {@link #grade} moves this off the caller's thread. */
	Verdict verdictFor(GradingRequest request) {
		String answer = (request.answer() != null) ? request.answer() : "";
		if (answer.length() > this.maxAnswerChars) {
			answer = answer.substring(0, this.maxAnswerChars);
		}
		Assessment assessment = this.scorer.assess(request.question(), answer);
		boolean zh = isChinese(request.question());
		List<KeyPointResult> points = new ArrayList<>();
		// points are named by title only, each once (two points may share a title)
		Set<String> strengths = new LinkedHashSet<>();
		Set<String> develop = new LinkedHashSet<>();
		Set<String> add = new LinkedHashSet<>();
		for (PointAssessment point : assessment.points()) {
			points.add(new KeyPointResult(point.point(), point.coverage(), point.evidence()));
			String title = point.point().title();
			switch (point.coverage()) {
				case COVERED -> strengths.add((zh ? "答到了要点：" : "Covers: ") + title);
				case PARTLY -> develop.add((zh ? "展开说明：" : "Develop further: ") + title);
				case MISSED -> add.add((zh ? "补充要点：" : "Add: ") + title);
			}
		}
		List<String> improvements = new ArrayList<>(add);
		improvements.addAll(develop);
		String model = assessment.model().displayName() + " + lexical";
		Verdict verdict = new Verdict(assessment.score(), points, List.copyOf(strengths), improvements,
				new Provenance(KIND, PROVIDER, model, CoverageScorer.VERSION, false), null);
		return new Verdict(verdict.score(), verdict.keyPoints(), verdict.strengths(), verdict.improvements(),
				verdict.provenance(), summary(verdict, assessment, zh));
	}

	/** One sentence on the answer as a whole, in the question's language, naming points by title. */
	static String summary(Verdict verdict, Assessment assessment, boolean zh) {
		List<String> covered = titles(verdict, Coverage.COVERED);
		List<String> partly = titles(verdict, Coverage.PARTLY);
		List<String> missed = titles(verdict, Coverage.MISSED);
		if (assessment.contentFree()) {
			return zh ? "回答没有讲到具体内容，可以先对照参考答案把要点理一遍。"
					: "The answer does not say anything specific yet; go through the reference answer's points first.";
		}
		if (assessment.salad()) {
			return zh ? "回答只列出了一些术语，没有说明它们是什么、为什么重要。"
					: "The answer lists terms without saying what they are or why they matter.";
		}
		if (verdict.keyPoints().isEmpty()) {
			return zh ? "这是按与参考答案的接近程度估算的分数。" : "The score estimates how close the answer is to the reference answer.";
		}
		if (covered.isEmpty() && partly.isEmpty()) {
			return zh ? "回答没有答到这道题的要点。" : "The answer does not cover the question's key points.";
		}
		if (missed.isEmpty() && partly.isEmpty()) {
			return zh ? "回答覆盖了全部要点。" : "The answer covers every key point.";
		}
		List<String> named = new ArrayList<>(covered);
		named.addAll(partly);
		if (zh) {
			return "回答讲到了" + list(named, "、", 3) + (missed.isEmpty() ? "，部分要点还可以展开。"
					: "，还可以补充" + list(missed, "、", 3) + "。");
		}
		return "The answer touches on " + list(named, ", ", 3) + (missed.isEmpty() ? "; some points need more detail."
				: "; it could add " + list(missed, ", ", 3) + ".");
	}

	private static List<String> titles(Verdict verdict, Coverage coverage) {
		return verdict.keyPoints(coverage).stream().map(KeyPointResult::title).distinct().toList();
	}

	/** Up to {@code max} titles, each shortened at a character or word boundary, "…" for the rest. */
	private static String list(List<String> titles, String separator, int max) {
		List<String> shown = titles.stream().limit(max).map((title) -> KeyPoints.shorten(title, 12)).toList();
		return String.join(separator, shown) + ((titles.size() > max) ? separator + "…" : "");
	}

	/**
	 * The feedback text, one delta per line, in the question's language: the score with the
	 * coverage counts it was computed from, the summary, and what an offline estimate can and
	 * cannot judge. The points themselves are on the verdict card.
	 */
	static List<String> feedback(QuestionContext question, Verdict verdict) {
		boolean zh = isChinese(question);
		int covered = verdict.keyPoints(Coverage.COVERED).size();
		int partly = verdict.keyPoints(Coverage.PARTLY).size();
		int missed = verdict.keyPoints(Coverage.MISSED).size();
		int total = verdict.keyPoints().size();
		String score = String.format(Locale.ROOT, "%.1f", verdict.score());
		List<String> lines = new ArrayList<>();
		if (zh) {
			lines.add("【离线评分】" + score + "/10" + ((total > 0)
					? " · 答到 " + covered + " · 部分 " + partly + " · 未答 " + missed + "（共 " + total + " 个要点）" : "")
					+ "\n");
		}
		else {
			lines.add("[Offline examiner] " + score + "/10" + ((total > 0) ? " · covered " + covered + " · partly "
					+ partly + " · missed " + missed + " of " + total : "") + "\n");
		}
		if (!verdict.summary().isEmpty()) {
			lines.add(verdict.summary() + "\n");
		}
		lines.add(zh ? "说明：这是按参考答案要点的覆盖程度自动估算的分数，不是专家的评判；它只比较意思和用词，无法核实推理、例子或参考答案之外的正确说法。"
				: "Note: an automatic offline estimate of key-point coverage, not an expert judgement; it compares "
						+ "meaning and wording with the reference answer and cannot check reasoning, examples, or correct "
						+ "points the reference does not make.");
		return lines;
	}

	static boolean isChinese(QuestionContext question) {
		return CoverageScorer.modelFor(question) == OfflineEmbeddings.Model.ZH;
	}

	@Override
	public void close() {
		this.scheduler.dispose();
	}

}
