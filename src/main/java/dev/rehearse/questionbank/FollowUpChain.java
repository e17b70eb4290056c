package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.questionbank.ParsedBank.Warning;
import dev.rehearse.questionbank.Question.FollowUp;

/**
 * The follow-up chain an interview article writes under an answer: a {@code 追问} or
 * {@code 追问链条} line, then {@code 问:} / {@code 答:} pairs (or {@code 追问:} lines carrying the
 * question). Everything from that line on belongs to the chain, not to the answer above it.
 */
final class FollowUpChain {

	/** {@code 追问链条：}, {@code 【追问】}, {@code 追问：如果…？} (then the question is on the line). */
	private static final Pattern START = Pattern
		.compile("^\\s*(?:[-•*]\\s*)?[【\\[]?\\s*(?:\\*\\*)?(追问链条|追问链|追问)\\s*\\d*(?:\\*\\*)?\\s*[】\\]]?\\s*[:：]?\\s*(.*)$");

	private static final Pattern ASK = Pattern
		.compile("^\\s*(?:[-•*]\\s*)?(?:\\d{1,2}\\s*[.、)）]\\s*)?(?:\\*\\*)?(?:追问\\s*\\d*|问|Q)(?:\\*\\*)?\\s*[:：]\\s*(.*)$");

	private static final Pattern ANSWER = Pattern
		.compile("^\\s*(?:[-•*]\\s*)?(?:\\*\\*)?(?:答|A)(?:\\*\\*)?\\s*[:：]\\s*(.*)$");

	private FollowUpChain() {
	}

	/** Whether the line starts a follow-up chain. */
	static boolean starts(String line) {
		return START.matcher(line).matches();
	}

	/**
	 * Reads a chain.
	 * @param lines the chain's lines, the {@code 追问} line first
	 * @param firstLine the 1-based line number of {@code lines.get(0)}
	 * @param warnings where a follow-up without an answer is reported (and left out)
	 */
	static List<FollowUp> read(List<String> lines, int firstLine, List<Warning> warnings) {
		List<FollowUp> followUps = new ArrayList<>();
		Pending pending = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			int number = firstLine + i;
			Matcher start = (i == 0) ? START.matcher(line) : null;
			Matcher ask = ASK.matcher(line);
			Matcher answer = ANSWER.matcher(line);
			String asked = null;
			if (start != null && start.matches()) {
				asked = start.group(2).strip();
				if (asked.isEmpty()) {
					continue;
				}
			}
			else if (ask.matches()) {
				asked = ask.group(1).strip();
			}
			if (asked != null) {
				close(pending, followUps, warnings);
				pending = new Pending(asked, number);
			}
			else if (answer.matches() && pending != null && pending.answer == null) {
				pending.answer = new ArrayList<>();
				pending.answer.add(answer.group(1));
			}
			else if (pending != null && pending.answer != null) {
				pending.answer.add(line);
			}
			else if (pending != null && !line.isBlank()) {
				pending.text.append(pending.text.isEmpty() ? "" : "\n").append(line.strip());
			}
			else if (!line.isBlank()) {
				warnings.add(new Warning(number, "text in a follow-up chain before its first '问:' is left out"));
			}
		}
		close(pending, followUps, warnings);
		return followUps;
	}

	private static void close(Pending pending, List<FollowUp> followUps, List<Warning> warnings) {
		if (pending == null) {
			return;
		}
		String answer = (pending.answer != null) ? ArticleBankParser.formatAnswer(pending.answer) : "";
		String text = pending.text.toString().strip();
		if (text.isEmpty() || answer.isEmpty()) {
			warnings.add(new Warning(pending.line, "follow-up '" + abbreviate(text)
					+ "' has no '答:' answer under it and is left out"));
			return;
		}
		followUps.add(new FollowUp(text, answer, KeyPoints.fromAnswer(answer)));
	}

	static String abbreviate(String text) {
		return (text.codePointCount(0, text.length()) > 40) ? text.substring(0, text.offsetByCodePoints(0, 40)) + "…"
				: text;
	}

	private static final class Pending {

		private final StringBuilder text = new StringBuilder();

		private final int line;

		private List<String> answer;

		Pending(String text, int line) {
			this.text.append(text);
			this.line = line;
		}

	}

}
