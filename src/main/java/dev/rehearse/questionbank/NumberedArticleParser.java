package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;
import dev.rehearse.questionbank.ParsedBank.Warning;
import dev.rehearse.system.Language;

/**
 * Reads an interview article of numbered questions, the other common way such articles are
 * published: {@code 一、JVM} sections become categories, a {@code 1.} / {@code 1、} / {@code 1）}
 * line followed by an {@code 答:} / {@code 答案:} / {@code 答案要点:} / {@code 参考答案:} line is a
 * question and its answer, {@code -} or {@code •} bullets in the answer are its key points, and a
 * {@code 追问} / {@code 追问链条} block under an answer holds the question's own follow-ups
 * ({@link FollowUpChain}). Markdown decoration that blogs add ({@code ### 1. …}, {@code **答：**})
 * is read through. Reads on past a problem, so every problem is reported with its line.
 */
final class NumberedArticleParser {

	private static final String DECORATION = "\\s*(?:#{1,6}\\s*)?(?:\\*\\*|__)?\\s*";

	/** {@code 一、Java 基础}, {@code ## 二. 并发}. */
	private static final Pattern SECTION = Pattern
		.compile("^" + DECORATION + "([一二三四五六七八九十]{1,3})\\s*[、.．]\\s*(.+?)\\s*(?:\\*\\*|__)?\\s*$");

	/** {@code 1. …}, {@code 12、…}, {@code 3）…}, {@code Q3. …}. */
	private static final Pattern QUESTION = Pattern
		.compile("^" + DECORATION + "(?:Q|问题\\s*)?(\\d{1,3})\\s*[.、．)）:：]\\s*(.+?)\\s*(?:\\*\\*|__)?\\s*$");

	private static final Pattern ANSWER = Pattern
		.compile("^" + DECORATION + "(答案要点|参考答案|答案|回答|答)\\s*(?:\\*\\*|__)?\\s*[:：]\\s*(?:\\*\\*|__)?\\s*(.*)$");

	private NumberedArticleParser() {
	}

	/** Whether the text has at least one numbered question with an answer line under it. */
	static boolean recognises(String content) {
		String[] lines = content.split("\\R", -1);
		for (int i = 0; i < lines.length; i++) {
			if (isQuestion(lines, i)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Parses an article.
	 * @param bankId the bank id (from the file name)
	 * @param content the file's text
	 * @return the bank, with a warning for everything read but perhaps not as meant
	 * @throws BankFormatException listing every problem with its line
	 */
	static ParsedBank parse(String bankId, String content) {
		String[] lines = content.replace("\uFEFF", "").split("\\R", -1);
		List<Warning> warnings = new ArrayList<>();
		List<Warning> errors = new ArrayList<>();
		List<String> intro = new ArrayList<>();
		List<String> categories = new ArrayList<>();
		List<Draft> drafts = new ArrayList<>();
		Draft current = null;
		String category = null;
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			Matcher section = SECTION.matcher(line);
			if (section.matches() && isHeading(section.group(2))) {
				category = strip(section.group(2));
				if (categories.contains(category)) {
					errors.add(new Warning(i + 1, "section '" + category + "' appears twice"));
				}
				else {
					categories.add(category);
				}
				current = null;
			}
			else if (isQuestion(lines, i) && (current == null || !current.inChain() || !FollowUpChainLine.asks(line))) {
				Matcher question = QUESTION.matcher(line);
				question.matches();
				int answerLine = nextNonBlank(lines, i + 1);
				Matcher answer = ANSWER.matcher(lines[answerLine]);
				answer.matches();
				current = new Draft(category, strip(question.group(2)), i + 1, answerLine + 1);
				current.body.add(answer.group(2));
				drafts.add(current);
				i = answerLine;
			}
			else if (current != null && !current.inChain() && secondAnswer(line)) {
				errors.add(new Warning(i + 1, "an answer with no numbered question ('1. …') right above it"));
			}
			else if (current != null) {
				if (!current.inChain() && FollowUpChain.starts(line)) {
					current.chainLine = i + 1;
				}
				(current.inChain() ? current.chain : current.body).add(line);
			}
			else if (ANSWER.matcher(line).matches()) {
				errors.add(new Warning(i + 1, "an answer with no numbered question ('1. …') right above it"));
			}
			else if (!line.isBlank()) {
				if (categories.isEmpty()) {
					intro.add(line.strip());
				}
				else {
					warnings.add(new Warning(i + 1, "text outside any question is left out: '"
							+ FollowUpChain.abbreviate(line.strip()) + "'"));
				}
			}
		}
		if (drafts.isEmpty() && errors.isEmpty()) {
			errors.add(new Warning(0, "no questions found: expected numbered questions ('1. …' or '1、…') each"
					+ " followed by an '答:' / '答案:' line"));
		}
		String title = ArticleBankParser.titleOf(intro, bankId);
		if (!intro.isEmpty() && intro.get(0).equals(title)) {
			intro = intro.subList(1, intro.size());
		}
		List<ParsedQuestion> questions = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Draft draft : drafts) {
			String name = (draft.category != null) ? draft.category : title;
			if (draft.category == null && !categories.contains(name)) {
				categories.add(0, name);
			}
			String answer = ArticleBankParser.formatAnswer(draft.body);
			if (answer.isEmpty()) {
				errors.add(new Warning(draft.answerLine, "the answer to '" + FollowUpChain.abbreviate(draft.text)
						+ "' is empty"));
				continue;
			}
			Integer earlier = seen.putIfAbsent(draft.text, draft.line);
			if (earlier != null) {
				errors.add(new Warning(draft.line, "the same question as on line " + earlier + ": '"
						+ FollowUpChain.abbreviate(draft.text) + "'"));
				continue;
			}
			List<Question.FollowUp> followUps = draft.inChain()
					? FollowUpChain.read(draft.chain, draft.chainLine, warnings) : List.of();
			// the text identifies the question, as in the Markdown format: renumbering keeps ids
			questions.add(new ParsedQuestion(draft.text, name, draft.text, answer, KeyPoints.fromAnswer(answer), null,
					List.of(), draft.line, followUps));
		}
		if (!errors.isEmpty()) {
			errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
			throw new BankFormatException(errors);
		}
		StringBuilder all = new StringBuilder();
		questions.forEach((q) -> all.append(q.text()).append('\n').append(q.referenceAnswer()).append('\n'));
		warnings.sort((a, b) -> Integer.compare(a.line(), b.line()));
		String description = intro.isEmpty() ? null : String.join("\n\n", intro);
		return new ParsedBank(bankId, title, Language.detect(all.toString()), description, categories, questions,
				warnings);
	}

	/** {@code 一、首先，…。} inside an answer is a list item, not a section. */
	private static boolean isHeading(String text) {
		String stripped = strip(text);
		return stripped.codePointCount(0, stripped.length()) <= 30 && !stripped.matches(".*[。！？；，,.!?;:：]$");
	}

	/** A numbered line is a question when the next line with text starts its answer. */
	private static boolean isQuestion(String[] lines, int index) {
		if (!QUESTION.matcher(lines[index]).matches()) {
			return false;
		}
		int next = nextNonBlank(lines, index + 1);
		return next < lines.length && ANSWER.matcher(lines[next]).matches();
	}

	/** {@code 答：} again under an answer (an {@code 答案要点：} list under {@code 答：} is part of it). */
	private static boolean secondAnswer(String line) {
		Matcher answer = ANSWER.matcher(line);
		return answer.matches() && !answer.group(1).equals("答案要点") && !answer.group(1).equals("参考答案");
	}

	private static int nextNonBlank(String[] lines, int from) {
		int i = from;
		while (i < lines.length && lines[i].isBlank()) {
			i++;
		}
		return i;
	}

	private static String strip(String text) {
		return text.replaceAll("(?:\\*\\*|__)", "").strip();
	}

	/** Inside a follow-up chain, {@code 1. 问：…} is a follow-up, not a new question. */
	private static final class FollowUpChainLine {

		private static final Pattern ASKS = Pattern.compile("^\\s*(?:\\d{1,2}\\s*[.、)）]\\s*)?(?:追问\\s*\\d*|问|Q)\\s*[:：].*$");

		static boolean asks(String line) {
			return ASKS.matcher(line).matches();
		}

	}

	private static final class Draft {

		private final String category;

		private final String text;

		private final int line;

		private final int answerLine;

		private final List<String> body = new ArrayList<>();

		private final List<String> chain = new ArrayList<>();

		private int chainLine;

		Draft(String category, String text, int line, int answerLine) {
			this.category = category;
			this.text = text;
			this.line = line;
			this.answerLine = answerLine;
		}

		boolean inChain() {
			return this.chainLine != 0;
		}

	}

}
