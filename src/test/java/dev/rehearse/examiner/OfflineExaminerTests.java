package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import dev.rehearse.examiner.SeedAnswers.Case;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline examiner on the seed bank's questions, in Chinese and English. One examiner for the
 * class: its models load once per JVM.
 */
class OfflineExaminerTests {

	private static final Map<List<Object>, Verdict> verdicts = new ConcurrentHashMap<>();

	private static OfflineExaminer examiner;

	@BeforeAll
	static void createExaminer() {
		examiner = new OfflineExaminer(OfflineExaminerProperties.defaults());
	}

	@AfterAll
	static void closeExaminer() {
		examiner.close();
	}

	static List<Case> seedQuestions() {
		return SeedAnswers.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("seedQuestions")
	void strongAnswerScoresAbovePartialAnswerWhichScoresAboveWrongAnswer(Case seed) {
		double strong = verdict(seed.question(), seed.strong()).score();
		double partial = verdict(seed.question(), seed.partial()).score();
		double wrong = verdict(seed.question(), seed.wrong()).score();
		assertThat(strong).as("strong vs partial").isGreaterThan(partial);
		assertThat(partial).as("partial vs wrong").isGreaterThan(wrong);
		assertThat(strong).as("a strong answer scores high").isGreaterThanOrEqualTo(8);
		// an on-topic wrong answer keeps a little credit for shared wording and closeness of meaning
		assertThat(wrong).as("a wrong answer fails").isLessThan(4);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("seedQuestions")
	void verdictJudgesEveryKeyPointQuotingTheCandidatesOwnSentences(Case seed) {
		for (String answer : List.of(seed.strong(), seed.partial(), seed.wrong())) {
			Verdict verdict = verdict(seed.question(), answer);
			assertThat(verdict.score()).isBetween(0.0, 10.0);
			assertThat(verdict.keyPoints()).extracting(KeyPointResult::keyPoint)
				.containsExactlyElementsOf(seed.question().keyPoints());
			for (KeyPointResult point : verdict.keyPoints()) {
				assertThat(answer).contains(point.evidence());
				assertThat(point.evidence().isEmpty()).isEqualTo(point.coverage() == Coverage.MISSED);
			}
			assertThat(verdict.strengths().size() + verdict.improvements().size()).isPositive();
		}
		Verdict strong = verdict(seed.question(), seed.strong());
		assertThat(strong.keyPoints(Coverage.COVERED)).isNotEmpty();
		assertThat(strong.strengths()).isNotEmpty();
		assertThat(verdict(seed.question(), seed.wrong()).keyPoints(Coverage.COVERED)).isEmpty();
	}

	@Test
	void sameAnswerAlwaysGetsTheSameVerdict() {
		for (Case seed : List.of(SeedAnswers.all().get(0), SeedAnswers.all().get(7))) {
			GradingRequest request = new GradingRequest(seed.question(), seed.partial());
			Verdict first = examiner.verdictFor(request);
			OfflineExaminer another = new OfflineExaminer(OfflineExaminerProperties.defaults());
			try {
				assertThat(examiner.verdictFor(request)).isEqualTo(first);
				assertThat(another.grade(new GradingRequest(seed.question(), seed.partial())).blockLast())
					.isEqualTo(new GradingEvent.Graded(first));
			}
			finally {
				another.close();
			}
		}
	}

	@Test
	void feedbackStreamsAsSeveralDeltasBeforeTheVerdictSayingItIsAnOfflineEstimate() {
		Case seed = SeedAnswers.all().get(6);
		List<String> threads = new CopyOnWriteArrayList<>();
		List<String> deltas = new ArrayList<>();
		StepVerifier.create(examiner.grade(new GradingRequest(seed.question(), seed.partial()))
			.doOnNext((event) -> threads.add(Thread.currentThread().getName())))
			.thenConsumeWhile((event) -> event instanceof GradingEvent.Feedback,
					(event) -> deltas.add(((GradingEvent.Feedback) event).delta()))
			.assertNext((event) -> assertThat(event).isInstanceOf(GradingEvent.Graded.class))
			.verifyComplete();
		assertThat(deltas).hasSizeGreaterThanOrEqualTo(3);
		String feedback = String.join("", deltas);
		assertThat(feedback).contains("automatic offline estimate of key-point coverage")
			.contains("not an expert judgement")
			.containsPattern("covered \\d · partly \\d · missed \\d of \\d");
		assertThat(threads).allMatch((name) -> name.startsWith("offline-examiner"));
	}

	@Test
	void chineseQuestionGetsChineseFeedbackFromTheChineseModel() {
		Case seed = SeedAnswers.all().get(1);
		List<GradingEvent> events = examiner.grade(new GradingRequest(seed.question(), seed.partial()))
			.collectList()
			.block();
		String feedback = events.stream()
			.filter(GradingEvent.Feedback.class::isInstance)
			.map((event) -> ((GradingEvent.Feedback) event).delta())
			.reduce("", String::concat);
		assertThat(feedback).contains("离线评分").contains("不是专家的评判");
		Verdict verdict = ((GradingEvent.Graded) events.get(events.size() - 1)).verdict();
		assertThat(verdict.provenance().model()).isEqualTo("bge-small-zh-v1.5 + lexical");
		assertThat(verdict.improvements()).anyMatch((line) -> line.startsWith("补充要点："));
	}

	@Test
	void verdictAndInfoAreLabelledOffline() {
		Case seed = SeedAnswers.all().get(8);
		Verdict verdict = verdict(seed.question(), seed.strong());
		assertThat(verdict.provenance()).isEqualTo(new Verdict.Provenance("offline", "local",
				"bge-small-en-v1.5 + lexical", CoverageScorer.VERSION, false));
		assertThat(examiner.info()).isEqualTo(new ExaminerInfo("offline", "local", "Offline examiner"));
	}

	@Test
	void blankAnswerScoresZeroWithEveryKeyPointMissed() {
		Case seed = SeedAnswers.all().get(2);
		Verdict verdict = verdict(seed.question(), "   ");
		assertThat(verdict.score()).isZero();
		assertThat(verdict.keyPoints()).hasSize(seed.question().keyPoints().size())
			.allMatch((point) -> point.coverage() == Coverage.MISSED && point.evidence().isEmpty());
		assertThat(verdict.improvements()).hasSize(seed.question().keyPoints().size());
	}

	@Test
	void answerThatOnlyRepeatsTheQuestionEarnsLittle() {
		Case seed = SeedAnswers.all().get(10);
		Verdict verdict = verdict(seed.question(), seed.question().question());
		assertThat(verdict.score()).isLessThan(verdict(seed.question(), seed.partial()).score());
	}

	@Test
	void followUpProbesTheFirstMissedKeyPointByItsHeading() {
		Case seed = SeedAnswers.all().get(1);
		Verdict verdict = verdict(seed.question(), seed.partial());
		KeyPointResult missed = verdict.keyPoints(Coverage.MISSED).get(0);
		StepVerifier.create(examiner.followUp(new GradingRequest(seed.question(), seed.partial()), verdict))
			.assertNext((followUp) -> assertThat(followUp).contains(missed.title()).doesNotContain(missed.detail()))
			.verifyComplete();
	}

	@Test
	void spokenQuestionKeepsTheQuestionInItsLanguage() {
		QuestionContext zh = SeedAnswers.all().get(0).question();
		QuestionContext en = SeedAnswers.all().get(6).question();
		StepVerifier.create(examiner.spokenQuestion(zh))
			.assertNext((spoken) -> assertThat(spoken).contains(zh.question())
				.satisfies((text) -> assertThat(text.replace(zh.question(), "")).containsPattern("\\p{IsHan}")))
			.verifyComplete();
		StepVerifier.create(examiner.spokenQuestion(en))
			.assertNext((spoken) -> assertThat(spoken).contains(en.question())
				.satisfies((text) -> assertThat(text.replace(en.question(), "")).isNotBlank()
					.doesNotContainPattern("\\p{IsHan}")))
			.verifyComplete();
	}

	// graded once per JVM: several tests look at the same verdicts, and grading costs tens of milliseconds
	private static Verdict verdict(QuestionContext question, String answer) {
		return verdicts.computeIfAbsent(List.of(question, answer),
				(key) -> examiner.verdictFor(new GradingRequest(question, answer)));
	}

}
