package dev.rehearse.examiner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rehearse.examiner.CoverageScorer.Features;
import dev.rehearse.examiner.CoverageScorer.Params;
import dev.rehearse.examiner.CoverageScorer.PointFeatures;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;
import dev.rehearse.questionbank.BankFiles;
import dev.rehearse.questionbank.KeyPoint;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline examiner's evidence rule and score caps, on the shipped banks' own key points. */
class OfflineExaminerEvidenceTests {

	private static OfflineExaminer examiner;

	private static Map<String, BankFiles.BankQuestion> bank;

	@BeforeAll
	static void createExaminer() throws IOException {
		examiner = new OfflineExaminer(OfflineExaminerProperties.defaults());
		bank = BankFiles.byText(ExaminerBenchmark.BANKS);
	}

	@AfterAll
	static void closeExaminer() {
		examiner.close();
	}

	@Test
	void partialAnswerNamingGptAndBertGetsThemWithClausesThatNameThemAndMissesXlnetAndRoberta() {
		String answer = "我知道的主要是 GPT 和 BERT 吧。GPT 是 OpenAI 做的，主要用来生成文本，BERT 是 Google 的，是双向编码的。其他的我就记不太清了。";
		Verdict verdict = grade("目前主流的大模型体系有哪些?", answer);
		assertThat(point(verdict, "GPT系列").coverage()).isIn(Coverage.PARTLY, Coverage.COVERED);
		assertThat(point(verdict, "GPT系列").evidence()).contains("GPT").isNotEqualTo(answer);
		assertThat(point(verdict, "BERT").coverage()).isIn(Coverage.PARTLY, Coverage.COVERED);
		assertThat(point(verdict, "BERT").evidence()).contains("BERT");
		assertThat(point(verdict, "XLNet").coverage()).isEqualTo(Coverage.MISSED);
		assertThat(point(verdict, "XLNet").evidence()).isEmpty();
		assertThat(point(verdict, "RoBERTa").coverage()).isEqualTo(Coverage.MISSED);
		assertThat(point(verdict, "T5").coverage()).isEqualTo(Coverage.MISSED);
		assertThat(verdict.score()).isGreaterThan(1.5);
	}

	@Test
	void oneClauseNamingSeveralModelsWithAClaimAboutThemBacksEachOfThem() {
		String answer = "GPT、BERT、T5 都是 Google 和 OpenAI 基于 Transformer 架构发布的预训练语言模型。";
		Verdict verdict = grade("目前主流的大模型体系有哪些?", answer);
		for (String title : List.of("GPT系列", "BERT", "T5")) {
			assertThat(point(verdict, title).coverage()).as(title).isIn(Coverage.PARTLY, Coverage.COVERED);
			assertThat(point(verdict, title).evidence()).as(title).contains("GPT、BERT、T5");
		}
		assertThat(point(verdict, "XLNet").coverage()).isEqualTo(Coverage.MISSED);
	}

	@Test
	void anIdentifierInAnEnglishClauseAboutItIsEvidence() {
		Verdict verdict = grade("What is the difference between the stack and the heap in the JVM?",
				"Objects live on the heap. If you recurse too deeply you get a StackOverflowError when the stack runs out.");
		KeyPointResult errors = point(verdict, "StackOverflowError and OutOfMemoryError");
		assertThat(errors.coverage()).isIn(Coverage.PARTLY, Coverage.COVERED);
		assertThat(errors.evidence()).contains("StackOverflowError");
		assertThat(point(verdict, "Frames freed on return").coverage()).isEqualTo(Coverage.MISSED);
	}

	@Test
	void aKeywordSaladIsEvidenceOfNothing() {
		Verdict verdict = grade("目前主流的大模型体系有哪些?", "GPT、BERT、XLNet、RoBERTa、T5、Transformer、预训练、微调。");
		assertThat(verdict.keyPoints()).allMatch((point) -> point.coverage() == Coverage.MISSED);
		assertThat(verdict.score()).isLessThanOrEqualTo(1.5);
	}

	@Test
	void contentFreeRamblesScoreAtMostOneOnEveryQuestion() {
		for (BankFiles.BankQuestion question : bank.values()) {
			for (String ramble : List.of("嗯，这个我理解得不太深，大概就是那样吧，我觉得还挺重要的",
					"Hmm, I'm not too sure, I think it's kind of important, it depends I guess")) {
				Verdict verdict = grade(question.text(), ramble);
				assertThat(verdict.score()).as(question.text() + " / " + ramble).isLessThanOrEqualTo(1.0);
				assertThat(verdict.keyPoints()).allMatch((point) -> point.coverage() == Coverage.MISSED);
			}
		}
	}

	@Test
	void nothingCoveredScoresAtMostOneAndAHalfHoweverCloseTheWording() {
		KeyPoint point = new KeyPoint("Title", "detail");
		List<PointFeatures> unsupported = List.of(new PointFeatures(point, 0.9, 0.9, false, false, ""),
				new PointFeatures(point, 0.8, 0.8, false, false, ""));
		var assessment = CoverageScorer.judge(new Features(unsupported, 1, 1, false, false, true, OfflineEmbeddings.Model.EN),
				Params.DEFAULTS);
		assertThat(assessment.points()).allMatch((judged) -> judged.coverage() == Coverage.MISSED);
		assertThat(assessment.score()).isLessThanOrEqualTo(CoverageScorer.NOTHING_COVERED_CAP);
		var hedging = CoverageScorer.judge(new Features(unsupported, 1, 1, false, true, true, OfflineEmbeddings.Model.EN),
				Params.DEFAULTS);
		assertThat(hedging.score()).isLessThanOrEqualTo(CoverageScorer.CONTENT_FREE_CAP);
	}

	@Test
	void scoreRisesWithEveryPointThatMovesFromMissedToPartlyToCovered() {
		KeyPoint point = new KeyPoint("Title", "detail");
		double previous = -1;
		List<Double> raws = List.of(0.0, 0.1, 0.2, 0.35, 0.45, 0.6, 0.8);
		for (int covered = 0; covered <= 4; covered++) {
			for (double raw : raws) {
				List<PointFeatures> points = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					double value = (i < covered) ? 1 : (i == covered) ? raw : 0;
					points.add(new PointFeatures(point, value, 0, true, false, "clause"));
				}
				double score = CoverageScorer.judge(new Features(points, 0.5, 1, false, false, true, OfflineEmbeddings.Model.EN),
						Params.DEFAULTS).score();
				assertThat(score).as(covered + " covered, next at " + raw).isGreaterThanOrEqualTo(previous);
				previous = score;
			}
		}
		assertThat(previous).isEqualTo(10.0);
		for (double raw = 0; raw < CoverageScorer.FULLY_AT - 0.01; raw += 0.01) {
			assertThat(CoverageScorer.value(raw + 0.01, Params.DEFAULTS)).as("value at %.2f", raw)
				.isGreaterThan(CoverageScorer.value(raw, Params.DEFAULTS));
		}
		assertThat(CoverageScorer.value(1, Params.DEFAULTS)).isEqualTo(1.0);
	}

	@Test
	void aClauseStatingAPointsOwnFormulaIsEvidenceForIt() {
		QuestionContext question = adHoc("线性表采用顺序存储，插入一个元素平均需要移动多少个元素？",
				"等概率前提下，插入一个元素需要平均移动的元素个数是n/2。若插在第i个位置的概率为(n-i)/(n*(n+1)/2)，则需要平均移动元素个数（2n+1)/3。");
		Verdict right = examiner.verdictFor(new GradingRequest(question, "n/2 ; (2n+1)/3"));
		assertThat(right.keyPoints()).hasSize(2).allMatch((point) -> point.coverage() != Coverage.MISSED);
		assertThat(right.keyPoints().get(0).evidence()).isEqualTo("n/2");
		assertThat(right.keyPoints().get(1).evidence()).isEqualTo("(2n+1)/3");
		// formulas the points do not state are evidence of nothing
		Verdict wrong = examiner.verdictFor(new GradingRequest(question, "(n-1)/2 ; n/3"));
		assertThat(wrong.keyPoints()).allMatch((point) -> point.coverage() == Coverage.MISSED);
		assertThat(wrong.score()).isLessThanOrEqualTo(CoverageScorer.NOTHING_COVERED_CAP).isLessThan(right.score());
	}

	@Test
	void aShortPointIsSupportedByAClauseNamingMostOfItsFewWords() {
		QuestionContext question = adHoc("What are the main operations associated with a stack?", "push and pop");
		String answer = "Pop, which removes the head of the stack. Push, which inserts a new node at the head.";
		Verdict verdict = examiner.verdictFor(new GradingRequest(question, answer));
		KeyPointResult point = verdict.keyPoints().get(0);
		assertThat(point.coverage()).isIn(Coverage.PARTLY, Coverage.COVERED);
		assertThat(answer).contains(point.evidence());
		assertThat(point.evidence()).containsAnyOf("Pop", "Push").hasSizeLessThanOrEqualTo(AnswerClauses.MAX_CHARS);
		assertThat(verdict.score()).isGreaterThan(CoverageScorer.NOTHING_COVERED_CAP);
	}

	@Test
	void wholeAnswerSimilarityMovesTheScoreOnlyInsideTheBandItsCoverageSets() {
		KeyPoint point = new KeyPoint("Title", "detail");
		for (int covered = 0; covered <= 4; covered++) {
			List<PointFeatures> points = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				points.add(new PointFeatures(point, (i < covered) ? 0.6 : 0.1, 0, true, false, "clause"));
			}
			// in Chinese the whole similarity is the share of the reference's terms the answer uses
			double unlike = CoverageScorer.judge(new Features(points, 0, 0, false, false, true, OfflineEmbeddings.Model.ZH),
					Params.DEFAULTS).score();
			double alike = CoverageScorer.judge(new Features(points, 0, 1, false, false, true, OfflineEmbeddings.Model.ZH),
					Params.DEFAULTS).score();
			assertThat(alike).as(covered + " covered").isGreaterThan(unlike);
			double band = (covered == 0) ? CoverageScorer.NOTHING_COVERED_CAP : 10 * CoverageScorer.BAND_WIDTH;
			assertThat(alike - unlike).as(covered + " covered").isLessThanOrEqualTo(band + 1e-9);
		}
	}

	@Test
	void aLongClauseIsCutIntoSeveralRealSubstringsLosingNothing() {
		String answer = "The garbage collector starts from the roots and marks every object it can reach by following "
				+ "references and whatever is not marked is garbage even when the objects refer to each other in a cycle";
		List<AnswerClauses.Clause> clauses = AnswerClauses.of(answer);
		assertThat(clauses).hasSizeGreaterThan(1);
		StringBuilder joined = new StringBuilder();
		for (AnswerClauses.Clause clause : clauses) {
			assertThat(clause.text()).hasSizeLessThanOrEqualTo(AnswerClauses.MAX_CHARS)
				.isEqualTo(answer.substring(clause.start(), clause.end()));
			assertThat(clause.text()).doesNotStartWith(" ").doesNotEndWith(" ");
			joined.append(clause.text()).append(' ');
		}
		assertThat(joined.toString().strip()).isEqualTo(answer);
	}

	private static Verdict grade(String questionText, String answer) {
		BankFiles.BankQuestion question = bank.get(questionText);
		assertThat(question).as(questionText).isNotNull();
		return examiner.verdictFor(new GradingRequest(new QuestionContext(question.text(), question.referenceAnswer(),
				question.keyPoints(), question.language()), answer));
	}

	private static QuestionContext adHoc(String question, String reference) {
		return new QuestionContext(question, reference, dev.rehearse.questionbank.KeyPoints.fromAnswer(reference),
				OfflineText.isChinese(question) ? "zh" : "en");
	}

	private static KeyPointResult point(Verdict verdict, String title) {
		return verdict.keyPoints().stream().filter((point) -> point.title().equals(title)).findFirst().orElseThrow();
	}

}
