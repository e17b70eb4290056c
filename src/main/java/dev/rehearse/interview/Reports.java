package dev.rehearse.interview;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rehearse.examiner.Verdict;

/**
 * Builds the report of an interview from its turns, as JSON and as a Markdown document.
 */
final class Reports {

	private static final int LIST_LIMIT = 5;

	private static final double STRONG = 7.0;

	private static final double WEAK = 6.0;

	private Reports() {
	}

	static Report of(List<Turn> turns) {
		List<Turn> graded = turns.stream().filter((turn) -> turn.verdict() != null).toList();
		int answered = (int) turns.stream().filter((turn) -> turn.status().answered()).count();
		Integer overall = graded.isEmpty() ? null : percent(graded.stream().mapToDouble(Reports::score).average().orElse(0));
		Map<String, List<Turn>> byCategory = new LinkedHashMap<>();
		graded.forEach((turn) -> byCategory.computeIfAbsent(turn.category(), (c) -> new ArrayList<>()).add(turn));
		List<Report.CategoryScore> categories = byCategory.entrySet()
			.stream()
			.map((entry) -> new Report.CategoryScore(entry.getKey(),
					percent(entry.getValue().stream().mapToDouble(Reports::score).average().orElse(0)),
					entry.getValue().size()))
			.toList();
		Set<String> strengths = new LinkedHashSet<>();
		graded.stream()
			.filter((turn) -> score(turn) >= STRONG)
			.sorted(Comparator.comparingDouble(Reports::score).reversed())
			.forEach((turn) -> turn.verdict().strengths().forEach(strengths::add));
		Set<String> weaknesses = new LinkedHashSet<>();
		graded.stream().sorted(Comparator.comparingDouble(Reports::score)).forEach((turn) -> {
			turn.verdict()
				.keyPoints(Verdict.Coverage.MISSED)
				.forEach((point) -> weaknesses.add("Missed: " + point.title()));
			turn.verdict().improvements().forEach(weaknesses::add);
		});
		List<Report.Practice> practise = graded.stream()
			.filter((turn) -> turn.kind() == TurnKind.QUESTION && score(turn) < WEAK)
			.sorted(Comparator.comparingDouble(Reports::score))
			.limit(3)
			.map((turn) -> new Report.Practice(turn.questionId(), turn.questionText(), turn.category(), score(turn)))
			.toList();
		return new Report(overall, categories, strengths.stream().limit(LIST_LIMIT).toList(),
				weaknesses.stream().limit(LIST_LIMIT).toList(), practise, answered, graded.size());
	}

	private static double score(Turn turn) {
		return turn.verdict().score();
	}

	private static int percent(double scoreOutOfTen) {
		return (int) Math.round(scoreOutOfTen * 10);
	}

	/** The report and the transcript as Markdown. The candidate's text is quoted, never interpreted. */
	static String markdown(Interview interview, List<Turn> turns, Report report) {
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
		StringBuilder md = new StringBuilder();
		md.append("# Interview report: ").append(inline(interview.bankTitle())).append("\n\n");
		md.append("- Started: ").append(time.format(interview.createdAt())).append('\n');
		if (interview.finishedAt() != null) {
			md.append("- Ended: ").append(time.format(interview.finishedAt())).append('\n');
		}
		md.append("- Status: ").append(interview.status().describe()).append('\n');
		md.append("- Examiner: ").append(inline(InterviewViews.label(interview.examiner()))).append('\n');
		md.append("- Answers: ").append(report.answered()).append(", graded: ").append(report.graded()).append("\n\n");
		md.append("## Overall score: ")
			.append((report.overallScore() != null) ? report.overallScore() + " / 100" : "not graded")
			.append("\n\n");
		if (!report.categories().isEmpty()) {
			md.append("| Category | Score | Answers |\n| --- | ---: | ---: |\n");
			report.categories()
				.forEach((c) -> md.append("| ")
					.append(cell(c.category()))
					.append(" | ")
					.append(c.score())
					.append(" | ")
					.append(c.answers())
					.append(" |\n"));
			md.append('\n');
		}
		list(md, "Strengths", report.strengths());
		list(md, "Weaknesses", report.weaknesses());
		if (!report.practiseNext().isEmpty()) {
			md.append("## Practise next\n\n");
			report.practiseNext()
				.forEach((p) -> md.append("- ")
					.append(inline(p.text()))
					.append(" (")
					.append(inline(p.category()))
					.append(", ")
					.append(p.score())
					.append("/10)\n"));
			md.append('\n');
		}
		md.append("## Transcript\n\n");
		for (Turn turn : turns) {
			md.append("### ")
				.append(turn.position())
				.append(". ")
				.append((turn.kind() == TurnKind.FOLLOW_UP) ? "Follow-up" : inline(turn.category()))
				.append("\n\n");
			md.append("**Examiner:** ").append(inline(turn.spokenText())).append("\n\n");
			if (turn.answer() != null) {
				md.append("**Answer:**\n\n").append(quote(turn.answer().text())).append("\n\n");
				if (turn.verdict() != null) {
					md.append("**Score:** ").append(turn.verdict().score()).append(" / 10\n\n");
				}
				else {
					md.append("**Score:** not graded (").append(turn.status().name().toLowerCase()).append(")\n\n");
				}
				if (turn.feedback() != null && !turn.feedback().isBlank()) {
					md.append("**Feedback:**\n\n").append(quote(turn.feedback())).append("\n\n");
				}
				if (turn.delivery() != null) {
					Delivery d = turn.delivery();
					md.append("**Delivery:** ")
						.append(d.characters())
						.append(" characters, ")
						.append(d.words())
						.append(" words, ")
						.append(d.fillerCount())
						.append(" fillers");
					if (d.perMinute() != null) {
						md.append(", ").append(d.perMinute()).append(' ').append(d.perMinuteUnit()).append(" per minute");
					}
					md.append("\n\n");
				}
				md.append("**Reference answer:**\n\n").append(quote(turn.referenceAnswer())).append("\n\n");
			}
			else {
				md.append("_Not answered._\n\n");
			}
		}
		return md.toString();
	}

	private static void list(StringBuilder md, String title, List<String> items) {
		if (!items.isEmpty()) {
			md.append("## ").append(title).append("\n\n");
			items.forEach((item) -> md.append("- ").append(inline(item)).append('\n'));
			md.append('\n');
		}
	}

	/** One line of text with Markdown's and HTML's special characters escaped. */
	static String inline(String text) {
		if (text == null) {
			return "";
		}
		return text.replaceAll("\\s+", " ").strip().replaceAll("([\\\\`*_\\[\\]<>#|!])", "\\\\$1");
	}

	private static String cell(String text) {
		return inline(text);
	}

	private static String quote(String text) {
		if (text == null || text.isBlank()) {
			return "> ";
		}
		StringBuilder quoted = new StringBuilder();
		for (String line : text.strip().split("\\R")) {
			quoted.append("> ").append(line.replaceAll("([\\\\`*_\\[\\]<>#|!])", "\\\\$1")).append('\n');
		}
		return quoted.toString().stripTrailing();
	}

}
