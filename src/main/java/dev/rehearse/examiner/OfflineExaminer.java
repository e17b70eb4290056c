package dev.rehearse.examiner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

/**
 * Grades without any network: an automatic estimate of how much of the reference's key points an
 * answer covers (see {@link CoverageScorer}), with templated feedback that says so. Deterministic:
 * the same request always gets the same verdict. Embedding work runs on its own bounded scheduler,
 * never on the caller's (event loop) thread.
 */
class OfflineExaminer implements Examiner, AutoCloseable {

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
		List<String> strengths = new ArrayList<>();
		List<String> improvements = new ArrayList<>();
		for (PointAssessment point : assessment.points()) {
			points.add(new KeyPointResult(point.point(), point.coverage(), point.evidence()));
			switch (point.coverage()) {
				case COVERED -> strengths.add((zh ? "答到了要点：" : "Covers: ") + point.point().title());
				case PARTLY -> improvements.add((zh ? "展开说明：" : "Develop further: ") + point.point().title());
				case MISSED -> improvements.add((zh ? "补充要点：" : "Add: ") + point.point().title());
			}
		}
		if (strengths.isEmpty() && assessment.score() >= 5) {
			strengths.add(zh ? "整体内容与参考答案较接近。" : "Overall close to the reference answer.");
		}
		String model = assessment.model().displayName() + " + lexical";
		return new Verdict(assessment.score(), points, strengths, improvements,
				new Provenance(KIND, PROVIDER, model, CoverageScorer.VERSION, false));
	}

	/** The feedback text, one delta per line, in the question's language. */
	static List<String> feedback(QuestionContext question, Verdict verdict) {
		boolean zh = isChinese(question);
		int covered = verdict.keyPoints(Coverage.COVERED).size();
		int partly = verdict.keyPoints(Coverage.PARTLY).size();
		int total = verdict.keyPoints().size();
		String score = String.format(Locale.ROOT, "%.1f", verdict.score());
		List<String> lines = new ArrayList<>();
		if (zh) {
			lines.add("【离线评分】这是按参考答案要点覆盖程度自动估算的分数，不是专家的评判。\n");
			lines.add("估算得分：" + score + "/10" + ((total > 0)
					? "（" + total + " 个要点中答到 " + covered + " 个，部分答到 " + partly + " 个）。\n" : "。\n"));
		}
		else {
			lines.add("[Offline examiner] This is an automatic offline estimate of key-point coverage, "
					+ "not an expert judgement.\n");
			lines.add("Estimated score: " + score + "/10" + ((total > 0) ? " (" + covered + " of " + total
					+ " key points covered, " + partly + " partly).\n" : ".\n"));
		}
		for (KeyPointResult point : verdict.keyPoints()) {
			lines.add(switch (point.coverage()) {
				case COVERED -> (zh ? "✓ 已答到：" : "✓ Covered: ") + point.title() + "\n";
				case PARTLY -> (zh ? "～ 部分答到：" : "~ Partly: ") + point.title() + "\n";
				case MISSED -> (zh ? "✗ 未答到：" : "✗ Missed: ") + point.title() + "\n";
			});
		}
		lines.add(zh ? "说明：离线评分只比较你的表述与参考答案在意思和用词上的接近程度，无法核实推理、例子或与参考答案不同但正确的说法。"
				: "Note: it only compares the meaning and wording of your answer with the reference answer; "
						+ "it cannot check reasoning, examples, or correct points the reference does not make.");
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
