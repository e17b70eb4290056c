package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The candidate's answer cut into clauses, the unit of evidence: a key point is backed by the
 * clause that names it, never by a whole paragraph. Clauses end at sentence and clause punctuation
 * ({@code 。！？；，.!?;,}) and line breaks; an enumeration comma ({@code 、}) does not end one, so
 * "GPT、BERT、T5 都是…" stays a single clause that may back several points. Every clause is a real
 * substring of the answer, at most {@value #MAX_CHARS} characters (a longer one is cut into several at word
 * or character boundaries).
 */
final class AnswerClauses {

	/** The longest evidence shown for a key point. */
	static final int MAX_CHARS = 80;

	private static final Pattern CLAUSE_END = Pattern.compile("[。！？；，,!?;！？\\n]|\\.(?=\\s|$)");

	private static final Pattern SPACE = Pattern.compile("\\s+");

	private AnswerClauses() {
	}

	/**
	 * One clause of an answer.
	 *
	 * @param start offset of its first character in the answer
	 * @param end offset after its last character
	 * @param text {@code answer.substring(start, end)}
	 */
	record Clause(int start, int end, String text) {
	}

	/** The answer's clauses in order; blank ones are skipped. */
	static List<Clause> of(String answer) {
		List<Clause> clauses = new ArrayList<>();
		if (answer == null || answer.isBlank()) {
			return clauses;
		}
		Matcher end = CLAUSE_END.matcher(answer);
		int from = 0;
		while (from < answer.length()) {
			int to = end.find(from) ? end.start() : answer.length();
			add(clauses, answer, from, to);
			from = (to < answer.length()) ? end.end() : to;
		}
		return clauses;
	}

	/**
	 * The clause of the answer that holds the quote (compared ignoring case and spacing), or an
	 * empty string when the answer does not contain it. Used to turn a model's quote, which may
	 * be a fragment or a whole paragraph, into evidence of the standard shape.
	 */
	static String around(String answer, String quote) {
		String needle = squash(quote);
		if (needle.isEmpty()) {
			return "";
		}
		List<Clause> clauses = of(answer);
		for (Clause clause : clauses) {
			String hay = squash(clause.text());
			if (hay.contains(needle) || (needle.length() >= 4 && needle.contains(hay) && hay.length() >= 4)) {
				return clause.text();
			}
		}
		return "";
	}

	private static void add(List<Clause> clauses, String answer, int from, int to) {
		while (from < to && Character.isWhitespace(answer.charAt(from))) {
			from++;
		}
		while (to > from && Character.isWhitespace(answer.charAt(to - 1))) {
			to--;
		}
		if (to <= from) {
			return;
		}
		// a long clause becomes several, each cut at a word or character boundary: none of the
		// answer is lost to the examiner, and each piece is still a real substring
		while (to - from > MAX_CHARS) {
			int cut = boundary(answer, from, from + MAX_CHARS);
			if (cut <= from) {
				cut = from + MAX_CHARS;
			}
			clauses.add(new Clause(from, cut, answer.substring(from, cut)));
			from = cut;
			while (from < to && Character.isWhitespace(answer.charAt(from))) {
				from++;
			}
		}
		if (to > from) {
			clauses.add(new Clause(from, to, answer.substring(from, to)));
		}
	}

	/** The last word or character boundary at or before {@code limit}, never splitting a surrogate pair. */
	private static int boundary(String answer, int from, int limit) {
		int cut = limit;
		if (Character.isLowSurrogate(answer.charAt(cut)) && cut > from) {
			cut--;
		}
		if (Character.isLetterOrDigit(answer.charAt(cut)) && isLatin(answer.charAt(cut))) {
			int back = cut;
			while (back > from && isLatin(answer.charAt(back - 1)) && Character.isLetterOrDigit(answer.charAt(back - 1))) {
				back--;
			}
			if (back > from) {
				cut = back;
			}
		}
		while (cut > from && Character.isWhitespace(answer.charAt(cut - 1))) {
			cut--;
		}
		return cut;
	}

	private static boolean isLatin(char c) {
		return c < 0x2E80;
	}

	private static String squash(String text) {
		return SPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
	}

}
