package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;
import dev.rehearse.system.Language;

/**
 * Reads a bank from an interview-questions article as it was published (the {@code seeds/*.txt}
 * format): numbered section headings such as {@code 1、AI 大模型基础面} become categories,
 * {@code Qn:}/{@code An:} pairs (ASCII or full-width colon) become questions and reference
 * answers, and {@code •} bullet lines become key points. Code in an answer is kept, fenced so it
 * can be told from prose. Promotional blocks (reader-benefit ads, learning-path blurbs, image
 * placeholders, community invitations) end the answer they follow and belong to no question.
 */
final class ArticleBankParser {

	private static final Pattern QUESTION = Pattern.compile("^\\s*Q(\\d+)\\s*[:：]\\s*(.*)$");

	private static final Pattern ANSWER = Pattern.compile("^\\s*A(\\d+)\\s*[:：]\\s*(.*)$");

	/** {@code 1、Title}, {@code 2. Title}: a category only when its number follows the previous one. */
	private static final Pattern HEADING = Pattern.compile("^\\s*(\\d{1,2})\\s*[、．.]\\s*(\\S.{0,80}?)\\s*$");

	private static final Pattern SENTENCE_END = Pattern.compile(".*[。！？；，,.!?;:：]$");

	/** Lines that start promotional text; everything from them to the next question is dropped. */
	private static final Pattern PROMOTION = Pattern.compile(
			"^(?:读者福利|前排提示|Logo$|更多推荐|👉).*|.*(?:👈|文末有.*资料|免费领取|扫描二[维v]码|欢迎加入.*社区|点赞.*关注|关注公众号).*");

	/** Image placeholders left behind by the blog's copy-paste: no content at all. */
	private static final Pattern IMAGE_PLACEHOLDER = Pattern.compile("^\\s*(?:在这里插入图片描述|图片)\\s*$");

	/** "本文梳理了 X，..." names what the article is about when it has no title line. */
	private static final Pattern ABOUT = Pattern
		.compile("(?:本文|这篇文章|本篇)(?:梳理|整理|总结|汇总|介绍|分享)了\\s*(.+?)\\s*[,，。;；:：]");

	private static final int MAX_TITLE_CODE_POINTS = 50;

	/** A republished copy's section number on a line of its own, its title on the next. */
	private static final Pattern NUMBER_ALONE = Pattern.compile("^\\s*(\\d{1,2})\\s*[、．.]?\\s*$");

	/** Whether the text is an article of {@code Qn:}/{@code An:} pairs (rather than numbered questions). */
	static boolean hasNumberedPairs(String content) {
		return Pattern.compile("(?m)^\\s*Q\\d+\\s*[:：]").matcher(content).find()
				&& Pattern.compile("(?m)^\\s*A\\d+\\s*[:：]").matcher(content).find();
	}

	private ArticleBankParser() {
	}

	/**
	 * Parses an article.
	 * @param bankId the bank id (from the file name)
	 * @param content the file's text
	 * @return the bank
	 * @throws BankFormatException naming the line when the text is not a question article
	 */
	static ParsedBank parse(String bankId, String content) {
		String[] lines = content.replace("\uFEFF", "").split("\\R", -1);
		joinLoneSectionNumbers(lines);
		List<ParsedBank.Warning> warnings = new ArrayList<>();
		List<String> categories = new ArrayList<>();
		List<ParsedQuestion> questions = new ArrayList<>();
		List<String> intro = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int i = 0;
		while (i < lines.length) {
			String line = lines[i];
			Matcher question = QUESTION.matcher(line);
			if (isCategoryHeading(lines, i, categories.size())) {
				Matcher heading = HEADING.matcher(line);
				heading.matches();
				categories.add(heading.group(2).strip());
				i++;
			}
			else if (question.matches()) {
				if (categories.isEmpty()) {
					throw new BankFormatException(i + 1, "Q" + question.group(1)
							+ " comes before any numbered section heading (such as '1、Basics') naming its category");
				}
				i = readQuestion(lines, i, question, categories, seen, questions, warnings);
			}
			else if (ANSWER.matcher(line).matches()) {
				throw new BankFormatException(i + 1, "answer without a question: '" + line.strip() + "'");
			}
			else {
				if (categories.isEmpty() && !line.isBlank() && !PROMOTION.matcher(line.strip()).matches()) {
					intro.add(line.strip());
				}
				i++;
			}
		}
		if (questions.isEmpty()) {
			throw new BankFormatException(0, "no questions found: expected lines such as 'Q1: ...' followed by 'A1: ...'");
		}
		StringBuilder all = new StringBuilder();
		questions.forEach((q) -> all.append(q.text()).append('\n').append(q.referenceAnswer()).append('\n'));
		String title = titleOf(intro, bankId);
		if (!intro.isEmpty() && intro.get(0).equals(title)) {
			intro = intro.subList(1, intro.size());
		}
		String description = intro.isEmpty() ? null : String.join("\n\n", intro);
		return new ParsedBank(bankId, title, Language.detect(all.toString()), description, categories, questions,
				warnings);
	}

	/**
	 * {@code 1} alone on its line with {@code AI 大模型基础面} on the next (as copies of an article
	 * republished elsewhere lay it out) becomes {@code 1、AI 大模型基础面} on the first line; the
	 * other line is blanked so line numbers stay those of the file.
	 */
	private static void joinLoneSectionNumbers(String[] lines) {
		for (int i = 0; i < lines.length; i++) {
			Matcher number = NUMBER_ALONE.matcher(lines[i]);
			if (!number.matches()) {
				continue;
			}
			for (int j = i + 1; j < lines.length && j <= i + 3; j++) {
				if (lines[j].isBlank()) {
					continue;
				}
				if (!QUESTION.matcher(lines[j]).matches() && !ANSWER.matcher(lines[j]).matches()
						&& !NUMBER_ALONE.matcher(lines[j]).matches()) {
					lines[i] = number.group(1) + "、" + lines[j].strip();
					lines[j] = "";
				}
				break;
			}
		}
	}

	/**
	 * A numbered line is a category heading when it carries the next category number, is no
	 * sentence, does not continue a numbered list, and a question follows it.
	 */
	private static boolean isCategoryHeading(String[] lines, int index, int categoriesSoFar) {
		Matcher heading = HEADING.matcher(lines[index]);
		if (!heading.matches() || Integer.parseInt(heading.group(1)) != categoriesSoFar + 1
				|| SENTENCE_END.matcher(heading.group(2)).matches()) {
			return false;
		}
		for (int j = index - 1; j >= 0; j--) {
			if (!lines[j].isBlank()) {
				// "2、..." right after "1、..." continues a numbered list inside an answer
				Matcher previous = HEADING.matcher(lines[j]);
				if (previous.matches() && Integer.parseInt(previous.group(1)) == categoriesSoFar) {
					return false;
				}
				break;
			}
		}
		for (int j = index + 1; j < lines.length; j++) {
			if (!lines[j].isBlank()) {
				return QUESTION.matcher(lines[j]).matches();
			}
		}
		return false;
	}

	/** Reads one Qn/An pair starting at {@code start}; returns the index of the first line after it. */
	private static int readQuestion(String[] lines, int start, Matcher question, List<String> categories,
			Set<String> seen, List<ParsedQuestion> questions, List<ParsedBank.Warning> warnings) {
		String category = categories.get(categories.size() - 1);
		String number = question.group(1);
		String identity = "Q" + Integer.parseInt(number);
		if (!seen.add(identity)) {
			throw new BankFormatException(start + 1, identity + " appears twice");
		}
		List<String> text = new ArrayList<>();
		text.add(question.group(2).strip());
		int i = start + 1;
		Matcher answer = null;
		for (; i < lines.length; i++) {
			Matcher candidate = ANSWER.matcher(lines[i]);
			if (candidate.matches()) {
				answer = candidate;
				break;
			}
			if (QUESTION.matcher(lines[i]).matches() || isCategoryHeading(lines, i, categories.size())) {
				break;
			}
			if (!lines[i].isBlank()) {
				text.add(lines[i].strip());
			}
		}
		if (answer == null) {
			throw new BankFormatException(start + 1, identity + " has no answer: expected a line starting with 'A"
					+ Integer.parseInt(number) + ":' after it");
		}
		int answerLine = i;
		if (Integer.parseInt(answer.group(1)) != Integer.parseInt(number)) {
			throw new BankFormatException(answerLine + 1,
					"A" + answer.group(1) + " follows Q" + number + ": expected 'A" + Integer.parseInt(number) + ":'");
		}
		String questionText = String.join("\n", text).strip();
		if (questionText.isEmpty()) {
			throw new BankFormatException(start + 1, identity + " has no question text");
		}
		List<String> body = new ArrayList<>();
		body.add(answer.group(2));
		List<String> chain = new ArrayList<>();
		int chainLine = 0;
		boolean promotion = false;
		for (i = answerLine + 1; i < lines.length; i++) {
			String line = lines[i];
			if (QUESTION.matcher(line).matches() || isCategoryHeading(lines, i, categories.size())) {
				break;
			}
			if (ANSWER.matcher(line).matches()) {
				throw new BankFormatException(i + 1, "a second answer for " + identity + ": '" + line.strip() + "'");
			}
			if (!promotion && PROMOTION.matcher(line.strip()).matches()) {
				promotion = true;
				warnings.add(new ParsedBank.Warning(i + 1, "promotional text left out, up to the next question"));
			}
			if (!promotion && chainLine == 0 && FollowUpChain.starts(line)) {
				chainLine = i + 1;
			}
			if (!promotion && !IMAGE_PLACEHOLDER.matcher(line).matches()) {
				((chainLine != 0) ? chain : body).add(line);
			}
		}
		List<Question.FollowUp> followUps = (chainLine != 0) ? FollowUpChain.read(chain, chainLine, warnings)
				: List.of();
		String referenceAnswer = formatAnswer(body);
		if (referenceAnswer.isEmpty()) {
			throw new BankFormatException(answerLine + 1, "A" + Integer.parseInt(number) + " is empty");
		}
		questions.add(new ParsedQuestion(identity, category, questionText, referenceAnswer,
				KeyPoints.fromAnswer(referenceAnswer), null, List.of(), start + 1, followUps));
		return i;
	}

	/**
	 * Prose lines are trimmed and blank runs collapsed; runs of code keep their indentation and
	 * are fenced, so that key points and renderers can tell them from prose.
	 */
	static String formatAnswer(List<String> body) {
		List<String> out = new ArrayList<>();
		int i = 0;
		while (i < body.size()) {
			String line = body.get(i);
			if (startsCode(line)) {
				int end = i;
				for (int j = i; j < body.size(); j++) {
					String next = body.get(j);
					if (next.isBlank()) {
						continue;
					}
					if (!continuesCode(next)) {
						break;
					}
					end = j;
				}
				addBlankLine(out);
				out.add("```");
				for (int j = i; j <= end; j++) {
					out.add(body.get(j).stripTrailing());
				}
				out.add("```");
				out.add("");
				i = end + 1;
				continue;
			}
			if (line.isBlank()) {
				addBlankLine(out);
			}
			else {
				out.add(line.strip());
			}
			i++;
		}
		return String.join("\n", out).replaceAll("\\n{3,}", "\n\n").strip();
	}

	private static void addBlankLine(List<String> out) {
		if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
			out.add("");
		}
	}

	private static final Pattern CODE_START = Pattern.compile(String.join("|",
			"^(?:from|import)\\s+[\\w.]+.*", // imports
			"^(?:def|class|function|func|fn|public|private|protected|package|const|let|var|return)\\s+[\\w$<].*",
			"^@\\w+.*", // decorators, annotations
			"^#\\s*\\S.*", // comments
			"^//.*", "^/\\*.*", // comments
			"^[A-Za-z_$][\\w.$\\[\\]\"']*\\s*(?:=|\\+=|-=|:=)\\s*\\S.*", // assignment
			"^[A-Za-z_$][\\w.$]*\\(.*\\)\\s*;?$", // call
			"^[}\\])].*", // closing brackets
			"^<[A-Za-z/!?][^>]*>.*", // markup
			"^\\$\\s+\\S.*" // shell prompt
	));

	private static boolean startsCode(String line) {
		return !line.isBlank() && !isBullet(line) && CODE_START.matcher(line).matches();
	}

	private static boolean continuesCode(String line) {
		return startsCode(line) || (Character.isWhitespace(line.charAt(0)) && !isBullet(line));
	}

	private static boolean isBullet(String line) {
		return line.strip().startsWith("•");
	}

	static String titleOf(List<String> intro, String bankId) {
		if (!intro.isEmpty()) {
			String first = intro.get(0);
			if (first.codePointCount(0, first.length()) <= MAX_TITLE_CODE_POINTS
					&& !SENTENCE_END.matcher(first).matches()) {
				return first;
			}
			for (String paragraph : intro) {
				Matcher about = ABOUT.matcher(paragraph);
				if (about.find()) {
					return about.group(1);
				}
			}
		}
		return bankId;
	}

}
