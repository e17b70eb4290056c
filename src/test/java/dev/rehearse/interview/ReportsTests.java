package dev.rehearse.interview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.KeyPoints;

import org.junit.jupiter.api.Test;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.examiner.Verdict.Coverage;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTests {

	private static final Verdict.Provenance OFFLINE = new Verdict.Provenance("offline", "local", "m", "1", false);

	@Test
	void scoresAreMeansOfGradedAnswersTimesTenPerCategoryAndOverall() {
		List<Turn> turns = List.of(graded(1, "jvm", TurnKind.QUESTION, 8, "Explained frames well"),
				graded(2, "jvm", TurnKind.FOLLOW_UP, 4, null), graded(3, "spring", TurnKind.QUESTION, 3, null),
				asked(4, "spring"));
		Report report = Reports.of(turns);
		assertThat(report.overallScore()).isEqualTo(50);
		assertThat(report.categories()).containsExactly(new Report.CategoryScore("jvm", 60, 2),
				new Report.CategoryScore("spring", 30, 1));
		assertThat(report.strengths()).containsExactly("Explained frames well");
		assertThat(report.weaknesses()).first().isEqualTo("Missed: point of 3");
		assertThat(report.practiseNext()).extracting(Report.Practice::category).containsExactly("spring");
		assertThat(report.answered()).isEqualTo(3);
		assertThat(report.graded()).isEqualTo(3);
	}

	@Test
	void nothingGradedMeansNoScoreRatherThanZero() {
		Report report = Reports.of(List.of(asked(1, "jvm")));
		assertThat(report.overallScore()).isNull();
		assertThat(report.categories()).isEmpty();
	}

	@Test
	void markdownQuotesTheCandidatesTextSoItCannotBecomeMarkup() {
		Turn turn = graded(1, "jvm", TurnKind.QUESTION, 8, null);
		Turn hostile = new Turn(turn.id(), turn.interviewId(), 1, turn.questionId(), "jvm", TurnKind.QUESTION, null,
				"Say it", "Say it", "Ref", KeyPoints.list("p"), TurnStatus.GRADED,
				new Turn.Answer("# Heading\n<script>alert(1)</script>\n[link](http://x)", "text", null, Instant.now()),
				null, "ok", turn.verdict(), Instant.now(), null, 1, null);
		Interview interview = new Interview(UUID.randomUUID(), 1, "bank", "Bank *title*", "en", "normal",
				InterviewStatus.FINISHED, List.of(turn.questionId()), List.of(),
				new ExaminerInfo("offline", "local", "offline examiner"), null, Instant.now(), Instant.now());
		String markdown = Reports.markdown(interview, List.of(hostile), Reports.of(List.of(hostile)));
		assertThat(markdown).contains("# Interview report: Bank \\*title\\*", "> \\# Heading",
				"> \\<script\\>alert(1)\\</script\\>", "> \\[link\\](http://x)", "Overall score: 80 / 100",
				"Examiner: Offline examiner");
		assertThat(markdown).doesNotContain("\n# Heading", "<script>");
	}

	private static Turn graded(int position, String category, TurnKind kind, double score, String strength) {
		Verdict verdict = new Verdict(score,
				List.of(new Verdict.KeyPointResult(KeyPoint.of("point of " + position), (score >= 6) ? Coverage.COVERED : Coverage.MISSED,
						"")),
				(strength != null) ? List.of(strength) : List.of(), List.of("Be precise"), OFFLINE);
		return new Turn(UUID.randomUUID(), UUID.randomUUID(), position, UUID.randomUUID(), category, kind, null, "Q?",
				"Q?", "Ref", KeyPoints.list("point of " + position), TurnStatus.GRADED,
				new Turn.Answer("answer", "text", null, Instant.now()), null, "feedback", verdict, Instant.now(), null, 1,
				null);
	}

	private static Turn asked(int position, String category) {
		return new Turn(UUID.randomUUID(), UUID.randomUUID(), position, UUID.randomUUID(), category, TurnKind.QUESTION,
				null, "Q?", "Q?", "Ref", KeyPoints.list("p"), TurnStatus.ASKED, null, null, null, null, null, null, 0, null);
	}

}
