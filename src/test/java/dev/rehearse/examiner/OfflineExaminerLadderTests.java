package dev.rehearse.examiner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rehearse.examiner.ExaminerBenchmark.Row;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;
import dev.rehearse.questionbank.BankFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graded ladder ({@code src/test/resources/ladder/ladder.csv}): for every question of the
 * shipped banks, a strong, a partial, a wrong-but-on-topic, a rambling, an off-topic and a
 * keyword-salad answer, graded by the offline examiner against the bank's own key points.
 */
class OfflineExaminerLadderTests {

	static final Path LADDER = Path.of("src/test/resources/ladder/ladder.csv");

	private static final Map<String, Verdict> verdicts = new LinkedHashMap<>();

	private static List<Row> rows;

	private static OfflineExaminer examiner;

	@BeforeAll
	static void gradeTheLadder() throws IOException {
		examiner = new OfflineExaminer(OfflineExaminerProperties.defaults());
		rows = ExaminerBenchmark.read(LADDER, Integer.MAX_VALUE);
		for (Row row : rows) {
			verdicts.put(row.id(), examiner.verdictFor(new GradingRequest(ExaminerBenchmark.question(row), row.answer())));
		}
	}

	@AfterAll
	static void closeExaminer() {
		examiner.close();
	}

	static Stream<String> questions() throws IOException {
		return ExaminerBenchmark.read(LADDER, Integer.MAX_VALUE).stream().map(ExaminerBenchmark::questionId).distinct();
	}

	@Test
	void ladderCoversEveryQuestionOfTheShippedBanksWithAllSixRungs() throws IOException {
		Map<String, BankFiles.BankQuestion> bank = BankFiles.byText(ExaminerBenchmark.BANKS);
		assertThat(rows).extracting(Row::question).containsAll(bank.keySet());
		for (String question : bank.keySet()) {
			assertThat(rows.stream().filter((row) -> row.question().equals(question)).map(Row::rung))
				.containsExactlyInAnyOrder("strong", "partial", "wrong", "ramble", "offtopic", "salad");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("questions")
	void strongBeatsPartialBeatsWrongAndRambleOffTopicAndSaladStayLow(String question) {
		double[] predicted = rows.stream().mapToDouble((row) -> verdicts.get(row.id()).score()).toArray();
		Map<String, List<String>> failures = ExaminerBenchmark.ladderFailures(rows, predicted);
		assertThat(failures.get(question)).as(question).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("questions")
	void evidenceIsAShortClauseOfTheCandidatesOwnAnswerAndCountsMatchTheScore(String question) {
		for (Row row : rows.stream().filter((row) -> ExaminerBenchmark.questionId(row).equals(question)).toList()) {
			Verdict verdict = verdicts.get(row.id());
			assertThat(verdict.keyPoints()).extracting(KeyPointResult::keyPoint)
				.containsExactlyElementsOf(ExaminerBenchmark.question(row).keyPoints());
			for (KeyPointResult point : verdict.keyPoints()) {
				assertThat(row.answer()).as(row.id()).contains(point.evidence());
				assertThat(point.evidence().length()).as(row.id()).isLessThanOrEqualTo(AnswerClauses.MAX_CHARS);
				assertThat(point.evidence().isEmpty()).as(row.id()).isEqualTo(point.coverage() == Coverage.MISSED);
			}
			if (verdict.keyPoints(Coverage.COVERED).isEmpty() && verdict.keyPoints(Coverage.PARTLY).isEmpty()) {
				assertThat(verdict.score()).as(row.id() + ": nothing covered").isLessThanOrEqualTo(1.5);
			}
			assertThat(verdict.summary()).as(row.id()).isNotBlank().doesNotContain("\n");
			assertThat(String.join("", verdict.strengths()) + String.join("", verdict.improvements()))
				.as(row.id() + ": points named by title only")
				.satisfies((text) -> verdict.keyPoints()
					.stream()
					.filter((point) -> point.detail().length() > point.title().length() + 5)
					.forEach((point) -> assertThat(text).doesNotContain(point.detail())));
		}
	}

	@Test
	void feedbackShowsTheCountsTheScoreCameFrom() {
		Row row = rows.stream().filter((r) -> r.id().equals("ladder_zh1_partial")).findFirst().orElseThrow();
		QuestionContext question = ExaminerBenchmark.question(row);
		Verdict verdict = verdicts.get(row.id());
		String feedback = String.join("", OfflineExaminer.feedback(question, verdict));
		assertThat(feedback).startsWith(String.format(java.util.Locale.ROOT,
				"【离线评分】%.1f/10 · 答到 %d · 部分 %d · 未答 %d（共 %d 个要点）", verdict.score(),
				verdict.keyPoints(Coverage.COVERED).size(), verdict.keyPoints(Coverage.PARTLY).size(),
				verdict.keyPoints(Coverage.MISSED).size(), verdict.keyPoints().size()))
			.contains(verdict.summary())
			.contains("不是专家的评判");
		for (KeyPointResult point : verdict.keyPoints()) {
			if (!point.detail().isEmpty()) {
				assertThat(feedback).doesNotContain(point.detail());
			}
		}
		Row en = rows.stream().filter((r) -> r.id().equals("ladder_en1_partial")).findFirst().orElseThrow();
		Verdict enVerdict = verdicts.get(en.id());
		assertThat(String.join("", OfflineExaminer.feedback(ExaminerBenchmark.question(en), enVerdict)))
			.startsWith(String.format(java.util.Locale.ROOT, "[Offline examiner] %.1f/10 · covered %d · partly %d · missed %d of %d",
					enVerdict.score(), enVerdict.keyPoints(Coverage.COVERED).size(),
					enVerdict.keyPoints(Coverage.PARTLY).size(), enVerdict.keyPoints(Coverage.MISSED).size(),
					enVerdict.keyPoints().size()))
			.doesNotContainPattern("\\p{IsHan}");
	}

}
