package dev.rehearse.interview;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.system.Language;

/**
 * Builds the report of an interview from its turns, as JSON and as a Markdown document, in the
 * bank's language: a Chinese bank gets a Chinese report, headings and all.
 */
final class Reports {

	private static final int STRENGTHS = 3;

	private static final int GAPS = 3;

	private static final int PRACTISE = 2;

	/** Answers from here up lend their strengths to the report. */
	private static final double GOOD = 6.0;

	/** Questions scored below this are worth practising again. */
	private static final double PRACTISE_BELOW = 7.0;

	private Reports() {
	}

	/** {@code zh} for any Chinese language tag, else {@code en}. */
	static String language(String language) {
		return (language != null && language.toLowerCase(Locale.ROOT).startsWith("zh")) ? "zh" : "en";
	}

	/**
	 * The stored report of an ended interview, else one over the answers graded so far. A report
	 * stored before reports had a language is made again in the bank's.
	 */
	static Report current(Interview interview, List<Turn> turns) {
		Report stored = interview.report();
		return (stored != null && stored.language().equals(language(interview.language()))) ? stored
				: of(interview, turns);
	}

	static Report of(Interview interview, List<Turn> turns) {
		return of(interview.language(), turns);
	}

	static Report of(String bankLanguage, List<Turn> turns) {
		String language = language(bankLanguage);
		boolean zh = "zh".equals(language);
		List<Turn> graded = turns.stream().filter((turn) -> turn.verdict() != null).toList();
		int answered = (int) turns.stream().filter((turn) -> turn.status().answered()).count();
		Integer overall = graded.isEmpty() ? null
				: percent(graded.stream().mapToDouble(Reports::score).average().orElse(0));
		Map<String, List<Turn>> byCategory = new LinkedHashMap<>();
		graded.forEach((turn) -> byCategory.computeIfAbsent(turn.category(), (c) -> new ArrayList<>()).add(turn));
		List<Report.CategoryScore> categories = byCategory.entrySet()
			.stream()
			.map((entry) -> new Report.CategoryScore(entry.getKey(),
					percent(entry.getValue().stream().mapToDouble(Reports::score).average().orElse(0)),
					entry.getValue().size()))
			.toList();
		List<Report.Practice> practise = graded.stream()
			.filter((turn) -> turn.kind() == TurnKind.QUESTION && score(turn) < PRACTISE_BELOW)
			.sorted(Comparator.comparingDouble(Reports::score))
			.limit(PRACTISE)
			.map((turn) -> new Report.Practice(turn.questionId(), turn.questionText(), turn.category(), score(turn)))
			.toList();
		return new Report(overall, categories, strengths(graded, zh), gaps(graded), practise, answered, graded.size(),
				language);
	}

	/**
	 * The examiner's strengths of the best answers, then the key points they covered, in the
	 * report's language only (a model that answered a Chinese question in English is left out
	 * rather than mixing languages).
	 */
	private static List<String> strengths(List<Turn> graded, boolean zh) {
		List<Turn> good = graded.stream()
			.filter((turn) -> score(turn) >= GOOD)
			.sorted(Comparator.comparingDouble(Reports::score).reversed())
			.toList();
		Set<String> strengths = new LinkedHashSet<>();
		good.forEach((turn) -> turn.verdict()
			.strengths()
			.stream()
			.filter((text) -> !text.isBlank() && Language.hasHan(text) == zh)
			.forEach(strengths::add));
		good.forEach((turn) -> turn.verdict()
			.keyPoints(Verdict.Coverage.COVERED)
			.forEach((point) -> strengths.add(zh ? "讲清了「" + point.title() + "」" : "Explained " + point.title())));
		return strengths.stream().limit(STRENGTHS).toList();
	}

	/**
	 * Key points by title, most missed first. Within one question (with its follow-ups) a point
	 * counts by its best coverage, so a point recovered in a follow-up is no gap; across questions
	 * a miss counts one and a partial half.
	 */
	private static List<Report.Gap> gaps(List<Turn> graded) {
		Map<List<Object>, Verdict.Coverage> best = new LinkedHashMap<>();
		Map<UUID, Turn> questionTurns = new HashMap<>();
		for (Turn turn : graded) {
			if (turn.kind() == TurnKind.QUESTION) {
				questionTurns.putIfAbsent(turn.questionId(), turn);
			}
			for (Verdict.KeyPointResult point : turn.verdict().keyPoints()) {
				best.merge(List.of(turn.questionId(), point.title()), point.coverage(),
						(a, b) -> (a.ordinal() <= b.ordinal()) ? a : b);
			}
		}
		Map<String, Double> weight = new LinkedHashMap<>();
		Map<String, Report.Gap> gap = new HashMap<>();
		Map<String, Double> questionScore = new HashMap<>();
		best.forEach((key, coverage) -> {
			if (coverage == Verdict.Coverage.COVERED) {
				return;
			}
			UUID questionId = (UUID) key.get(0);
			String title = (String) key.get(1);
			weight.merge(title, (coverage == Verdict.Coverage.MISSED) ? 1.0 : 0.5, Double::sum);
			Turn question = questionTurns.get(questionId);
			double score = (question != null) ? score(question) : 10;
			String category = (question != null) ? question.category() : categoryOf(graded, questionId);
			if (!gap.containsKey(title) || score < questionScore.get(title)) {
				gap.put(title, new Report.Gap(title, category, questionId));
				questionScore.put(title, score);
			}
		});
		List<String> order = new ArrayList<>(weight.keySet());
		// stable: ties keep the interview's order
		order.sort(Comparator.comparingDouble((String title) -> weight.get(title)).reversed());
		return order.stream().limit(GAPS).map(gap::get).toList();
	}

	private static String categoryOf(List<Turn> turns, UUID questionId) {
		return turns.stream()
			.filter((turn) -> questionId.equals(turn.questionId()))
			.map(Turn::category)
			.findFirst()
			.orElse("");
	}

	private static double score(Turn turn) {
		return turn.verdict().score();
	}

	private static int percent(double scoreOutOfTen) {
		return (int) Math.round(scoreOutOfTen * 10);
	}

	// ---- Markdown

	/**
	 * The report and the transcript as Markdown, in the report's language. The candidate's text is
	 * quoted, never interpreted; a question whose follow-up is still open keeps its reference hidden.
	 */
	static String markdown(Interview interview, List<Turn> turns, Report report) {
		Words w = Words.of(report.language());
		Set<UUID> hidden = Reveal.hiddenTurns(interview, turns);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
		StringBuilder md = new StringBuilder();
		md.append("# ").append(w.title).append(inline(interview.bankTitle())).append("\n\n");
		md.append("- ").append(w.started).append(time.format(interview.createdAt())).append('\n');
		if (interview.finishedAt() != null) {
			md.append("- ").append(w.ended).append(time.format(interview.finishedAt())).append('\n');
		}
		md.append("- ").append(w.status).append(w.status(interview.status())).append('\n');
		md.append("- ").append(w.examiner).append(inline(w.examiner(interview.examiner()))).append('\n');
		md.append("- ").append(w.answers(report.answered(), report.graded())).append("\n\n");
		md.append("## ")
			.append(w.overall)
			.append((report.overall() != null) ? report.overall() + " / 100" : w.notGraded)
			.append("\n\n");
		if (!report.categories().isEmpty()) {
			md.append(w.categoryTable).append("\n| --- | ---: | ---: |\n");
			report.categories()
				.forEach((c) -> md.append("| ")
					.append(inline(c.name()))
					.append(" | ")
					.append(c.score())
					.append(" | ")
					.append(c.answered())
					.append(" |\n"));
			md.append('\n');
		}
		list(md, w.strengths, report.strengths());
		list(md, w.gaps, report.gaps().stream().map((gap) -> gap.title() + w.aside(gap.category())).toList());
		list(md, w.practise, report.practise()
			.stream()
			.map((p) -> p.questionText() + w.aside(p.category(), p.score() + " / 10"))
			.toList());
		md.append("## ").append(w.transcript).append("\n\n");
		for (Turn turn : turns) {
			md.append("### ")
				.append(turn.position())
				.append(". ")
				.append((turn.kind() == TurnKind.FOLLOW_UP) ? w.followUp : inline(turn.category()))
				// a question the model wrote for this interview says so here too
				.append("generated".equals(turn.origin()) ? (w.zh() ? "（生成）" : " (generated)") : "")
				.append("\n\n");
			md.append("**").append(w.examinerSaid).append("** ").append(inline(turn.spokenText())).append("\n\n");
			if (turn.status() == TurnStatus.SKIPPED) {
				md.append('_').append(w.skipped).append("_\n\n");
				continue;
			}
			if (turn.answer() == null) {
				md.append('_').append(w.notAnswered).append("_\n\n");
				continue;
			}
			boolean hide = hidden.contains(turn.id());
			md.append("**").append(w.answer).append("**\n\n").append(quote(turn.answer().text())).append("\n\n");
			if (turn.verdict() != null) {
				md.append("**").append(w.score).append("** ").append(turn.verdict().score()).append(" / 10\n\n");
			}
			else {
				md.append("**")
					.append(w.score)
					.append("** ")
					.append(w.notGraded)
					.append(" (")
					.append(turn.status().name().toLowerCase(Locale.ROOT))
					.append(")\n\n");
			}
			String feedback = hide ? Reveal.text(turn.feedback(), turn.verdict(), turn.keyPoints()) : turn.feedback();
			if (feedback != null && !feedback.isBlank()) {
				md.append("**").append(w.feedback).append("**\n\n").append(quote(feedback)).append("\n\n");
			}
			if (turn.delivery() != null) {
				md.append("**").append(w.delivery).append("** ").append(w.delivery(turn.delivery())).append("\n\n");
			}
			md.append("**").append(w.reference).append("**\n\n");
			md.append(hide ? "_" + w.referenceHidden + "_" : quote(turn.referenceAnswer())).append("\n\n");
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

	/** The report's fixed wording in one language. */
	private record Words(boolean zh, String title, String started, String ended, String status, String examiner,
			String overall, String notGraded, String categoryTable, String strengths, String gaps, String practise,
			String transcript, String followUp, String examinerSaid, String answer, String score, String feedback,
			String delivery, String reference, String referenceHidden, String skipped, String notAnswered) {

		static Words of(String language) {
			if ("zh".equals(language)) {
				return new Words(true, "面试报告：", "开始：", "结束：", "状态：", "考官：", "总分：", "未评分",
						"| 类别 | 得分 | 回答数 |", "做得好的地方", "需要加强的要点", "接下来练习", "对话记录", "追问", "考官：", "回答：",
						"得分：", "反馈：", "表达：", "参考答案：", "追问回答或跳过后显示。", "已跳过。", "未作答。");
			}
			return new Words(false, "Interview report: ", "Started: ", "Ended: ", "Status: ", "Examiner: ",
					"Overall score: ", "not graded", "| Category | Score | Answers |", "Strengths", "Gaps",
					"Practise next", "Transcript", "Follow-up", "Examiner:", "Answer:", "Score:", "Feedback:",
					"Delivery:", "Reference answer:", "Shown once the follow-up is answered or skipped.", "Skipped.",
					"Not answered.");
		}

		String status(InterviewStatus status) {
			if (!this.zh) {
				return status.describe();
			}
			return switch (status) {
				case IN_PROGRESS -> "进行中";
				case FINISHED -> "已结束";
				case ABANDONED -> "已放弃";
			};
		}

		String examiner(ExaminerInfo examiner) {
			if (this.zh && "offline".equalsIgnoreCase(examiner.kind())) {
				return "离线考官";
			}
			return InterviewViews.label(examiner);
		}

		String answers(int answered, int graded) {
			return this.zh ? "回答 " + answered + " 次，已评分 " + graded + " 次"
					: plural(answered, "answer", "answers") + ", " + graded + " graded";
		}

		String delivery(Delivery d) {
			String rate = "";
			if (d.perMinute() != null) {
				boolean characters = "characters".equals(d.perMinuteUnit());
				rate = this.zh ? "，语速每分钟 " + d.perMinute() + (characters ? " 字" : " 词")
						: ", " + d.perMinute() + (characters ? " characters" : " words") + " per minute";
			}
			if (this.zh) {
				return d.characters() + " 字，口头禅 " + d.fillerCount() + " 次" + rate;
			}
			return plural(d.characters(), "character", "characters") + ", " + plural(d.words(), "word", "words") + ", "
					+ plural(d.fillerCount(), "filler", "fillers") + rate;
		}

		/** A note after an item, in the language's own brackets and commas. */
		String aside(String... parts) {
			return this.zh ? "（" + String.join("，", parts) + "）" : " (" + String.join(", ", parts) + ")";
		}

		private static String plural(int count, String one, String many) {
			return count + " " + ((count == 1) ? one : many);
		}

	}

}
