package dev.rehearse.interview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.InterviewerStyle;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.KeyPoints;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTests {

	private static final Verdict.Provenance OFFLINE = new Verdict.Provenance("offline", "local", "m", "1", false);

	@Test
	void scoresAreMeansOfGradedAnswersTimesTenPerCategoryAndOverall() {
		List<Turn> turns = List.of(graded(1, "jvm", 8, List.of("Explained frames well"), Map.of("Frames", Coverage.COVERED)),
				graded(2, "jvm", 4, List.of(), Map.of("Heap", Coverage.MISSED)),
				graded(3, "spring", 3, List.of(), Map.of("Beans", Coverage.MISSED)), asked(4, "spring"));
		Report report = Reports.of("en", turns);
		assertThat(report.overall()).isEqualTo(50);
		assertThat(report.categories()).containsExactly(new Report.CategoryScore("jvm", 60, 2),
				new Report.CategoryScore("spring", 30, 1));
		assertThat(report.strengths()).containsExactly("Explained frames well", "Explained Frames");
		assertThat(report.answered()).isEqualTo(3);
		assertThat(report.graded()).isEqualTo(3);
		assertThat(report.language()).isEqualTo("en");
	}

	@Test
	void gapsAreTheTitlesMissedMostOftenAndAPointRecoveredInAFollowUpIsNone() {
		Turn first = graded(1, "jvm", 4, List.of(),
				Map.of("GC roots", Coverage.MISSED, "Generations", Coverage.MISSED, "G1", Coverage.PARTLY));
		// the follow-up on the first question recovers "Generations"
		Turn followUp = followUp(first, 2, 7, Map.of("Generations", Coverage.COVERED));
		Turn second = graded(3, "jvm", 3, List.of(), Map.of("GC roots", Coverage.MISSED, "Stack", Coverage.PARTLY));
		Turn third = graded(4, "spring", 2, List.of(), Map.of("Beans", Coverage.MISSED, "Stack", Coverage.PARTLY));
		Report report = Reports.of("en", List.of(first, followUp, second, third));
		// GC roots missed twice; Stack partly twice; then Beans once, G1 partly once
		assertThat(report.gaps()).extracting(Report.Gap::title).containsExactly("GC roots", "Stack", "Beans");
		assertThat(report.gaps().get(0).questionId()).as("the lower-scored question that missed it")
			.isEqualTo(second.questionId());
		assertThat(report.gaps().get(2).category()).isEqualTo("spring");
	}

	@Test
	void practiseNamesAtMostTwoQuestionsLowestFirstAndNeverAStrongOne() {
		List<Turn> turns = List.of(graded(1, "a", 5, List.of(), Map.of()), graded(2, "b", 1, List.of(), Map.of()),
				graded(3, "c", 9, List.of(), Map.of()), graded(4, "d", 3, List.of(), Map.of()));
		assertThat(Reports.of("en", turns).practise()).extracting(Report.Practice::category).containsExactly("b", "d");
		assertThat(Reports.of("en", List.of(turns.get(2))).practise()).isEmpty();
	}

	@Test
	void aChineseBankGetsAChineseReportWithoutEnglishStrengths() {
		Turn good = graded(1, "大模型基础", 8, List.of("思路清晰", "clear"), Map.of("GPT", Coverage.COVERED));
		Turn weak = graded(2, "向量数据库", 0, List.of(), Map.of("向量索引", Coverage.MISSED));
		Report report = Reports.of("zh-CN", List.of(good, weak));
		assertThat(report.language()).isEqualTo("zh");
		assertThat(report.strengths()).containsExactly("思路清晰", "讲清了「GPT」");
		assertThat(report.gaps()).extracting(Report.Gap::title).containsExactly("向量索引");
		String markdown = Reports.markdown(interview("zh", InterviewStatus.FINISHED), List.of(good, weak), report);
		assertThat(markdown).contains("# 面试报告：", "## 总分：40 / 100", "| 类别 | 得分 | 回答数 |", "## 做得好的地方",
				"## 需要加强的要点", "- 向量索引（向量数据库）", "（向量数据库，0.0 / 10）", "## 接下来练习", "## 对话记录", "**得分：** 0.0 / 10", "离线考官",
				"回答 2 次，已评分 2 次");
		assertThat(markdown).doesNotContain("Missed", "Strengths", "Interview report", "Overall score", "Transcript",
				"Answer:", "clear");
	}

	@Test
	void englishMarkdownCountsInProperPlurals() {
		Turn one = graded(1, "jvm", 8, List.of(), Map.of());
		String single = Reports.markdown(interview("en", InterviewStatus.FINISHED), List.of(one),
				Reports.of("en", List.of(one)));
		assertThat(single).contains("- 1 answer, 1 graded").doesNotContain("1 answers");
		List<Turn> two = List.of(one, graded(2, "jvm", 6, List.of(), Map.of()));
		assertThat(Reports.markdown(interview("en", InterviewStatus.FINISHED), two, Reports.of("en", two)))
			.contains("- 2 answers, 2 graded");
	}

	@Test
	void markdownKeepsTheReferenceHiddenWhileAFollowUpIsOpen() {
		Turn question = graded(1, "jvm", 6, List.of(), Map.of("Heap", Coverage.MISSED));
		Turn open = new Turn(UUID.randomUUID(), question.interviewId(), 2, question.questionId(), "jvm",
				TurnKind.FOLLOW_UP, question.id(), "What about the heap?", "What about the heap?", "Ref",
				question.keyPoints(), TurnStatus.ASKED, null, null, null, null, null, null, 0, null, "bank");
		List<Turn> turns = List.of(question, open);
		String inProgress = Reports.markdown(interview("en", InterviewStatus.IN_PROGRESS), turns,
				Reports.of("en", turns));
		assertThat(inProgress).doesNotContain("**Reference answer:**\n\n> Ref")
			.contains("**Reference answer:**\n\n_Shown once the follow-up is answered or skipped._");
		String ended = Reports.markdown(interview("en", InterviewStatus.FINISHED), turns, Reports.of("en", turns));
		assertThat(ended).as("an ended interview shows everything").contains("**Reference answer:**\n\n> Ref");
	}

	@Test
	void markdownQuotesTheCandidatesTextSoItCannotBecomeMarkup() {
		Turn turn = graded(1, "jvm", 8, List.of(), Map.of());
		Turn hostile = new Turn(turn.id(), turn.interviewId(), 1, turn.questionId(), "jvm", TurnKind.QUESTION, null,
				"Say it", "Say it", "Ref", KeyPoints.list("p"), TurnStatus.GRADED,
				new Turn.Answer("# Heading\n<script>alert(1)</script>\n[link](http://x)", "text", null, Instant.now()),
				null, "ok", turn.verdict(), Instant.now(), null, 1, null, "bank");
		Interview interview = new Interview(UUID.randomUUID(), 1, "bank", "Bank *title*", "en", "normal",
				InterviewStatus.FINISHED, List.of(turn.questionId()), List.of(),
				new ExaminerInfo("offline", "local", "offline examiner"), null, Instant.now(), Instant.now(),
				InterviewerStyle.NEUTRAL);
		String markdown = Reports.markdown(interview, List.of(hostile), Reports.of("en", List.of(hostile)));
		assertThat(markdown).contains("# Interview report: Bank \\*title\\*", "> \\# Heading",
				"> \\<script\\>alert(1)\\</script\\>", "> \\[link\\](http://x)", "Overall score: 80 / 100",
				"Examiner: Offline examiner");
		assertThat(markdown).doesNotContain("\n# Heading", "<script>");
	}

	@Test
	void nothingGradedMeansNoScoreRatherThanZero() {
		Report report = Reports.of("en", List.of(asked(1, "jvm")));
		assertThat(report.overall()).isNull();
		assertThat(report.categories()).isEmpty();
	}

	@Test
	void aReportStoredBeforeGapsExistedStillReads() {
		String stored = """
				{"overallScore": 55, "categories": [{"category": "jvm", "score": 55, "answers": 2}],
				 "strengths": ["Clear"], "weaknesses": ["Missed: Heap"],
				 "practiseNext": [{"questionId": "%s", "text": "Q?", "category": "jvm", "score": 3.0}],
				 "answered": 2, "graded": 2}""".formatted(UUID.randomUUID());
		Report report = JsonMapper.builder().build().readValue(stored, Report.class);
		assertThat(report.overall()).isEqualTo(55);
		assertThat(report.categories()).containsExactly(new Report.CategoryScore("jvm", 55, 2));
		assertThat(report.practise()).extracting(Report.Practice::questionText).containsExactly("Q?");
		assertThat(report.gaps()).isEmpty();
		assertThat(report.language()).isEqualTo("en");
	}

	private static Interview interview(String language, InterviewStatus status) {
		return new Interview(UUID.randomUUID(), 1, "bank", "Bank", language, "normal", status, List.of(), List.of(),
				new ExaminerInfo("offline", "local", "offline examiner"), null, Instant.now(),
				(status == InterviewStatus.IN_PROGRESS) ? null : Instant.now(), InterviewerStyle.NEUTRAL);
	}

	private static Turn graded(int position, String category, double score, List<String> strengths,
			Map<String, Coverage> points) {
		return turn(position, category, TurnKind.QUESTION, null, UUID.randomUUID(), score, strengths, points);
	}

	private static Turn followUp(Turn question, int position, double score, Map<String, Coverage> points) {
		return turn(position, question.category(), TurnKind.FOLLOW_UP, question.id(), question.questionId(), score,
				List.of(), points);
	}

	private static Turn turn(int position, String category, TurnKind kind, UUID parent, UUID questionId, double score,
			List<String> strengths, Map<String, Coverage> points) {
		List<Verdict.KeyPointResult> results = new ArrayList<>();
		List<KeyPoint> keyPoints = new ArrayList<>();
		// sorted so that ties keep a known order
		points.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((point) -> {
			keyPoints.add(new KeyPoint(point.getKey(), "about " + point.getKey()));
			results.add(new Verdict.KeyPointResult(point.getKey(), "about " + point.getKey(), point.getValue(), ""));
		});
		Verdict verdict = new Verdict(score, results, strengths, List.of("Be precise"), OFFLINE);
		return new Turn(UUID.randomUUID(), UUID.randomUUID(), position, questionId, category, kind, parent, "Q?", "Q?",
				"Ref", keyPoints, TurnStatus.GRADED, new Turn.Answer("answer", "text", null, Instant.now()), null,
				"feedback", verdict, Instant.now(), null, 1, null, "bank");
	}

	private static Turn asked(int position, String category) {
		return new Turn(UUID.randomUUID(), UUID.randomUUID(), position, UUID.randomUUID(), category, TurnKind.QUESTION,
				null, "Q?", "Q?", "Ref", KeyPoints.list("p"), TurnStatus.ASKED, null, null, null, null, null, null, 0, null, "bank");
	}

}
