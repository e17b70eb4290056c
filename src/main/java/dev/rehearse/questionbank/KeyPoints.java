package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.system.Language;

/**
 * Derives key points the one way Rehearse does it everywhere (bank loader, examiner benchmark):
 * a reference answer's bullet lines when it has any, otherwise its sentences; and each point's
 * title, without any model.
 *
 * <p>
 * A title is what a person would call the point: at most {@value #MAX_TITLE_UNITS} units (a CJK
 * character or a Latin word each) and {@value #MAX_TITLE_WORDS} Latin words. It comes from, in
 * order: a bold lead ({@code **Title**: detail}); the part before the first colon when that part
 * is short ({@code 领域特定知识:不同领域…}), with parenthesised expansions dropped
 * ({@code GPT(Generative Pre-trained Transformer)系列} → {@code GPT系列}); the whole point when it
 * is one short clause; otherwise the point's first clause, cut at a character or word boundary. When the
 * title is the point's own lead verbatim, the detail is the rest; otherwise the detail is the whole
 * point, so nothing the bank wrote is lost.
 *
 * <p>
 * Fenced code ({@code ```}) is part of the answer but never a key point, and a sentence that only
 * introduces what follows (ending in a colon) is not one either.
 */
public final class KeyPoints {

	/** Most units (CJK characters plus Latin words) a title may have. */
	static final int MAX_TITLE_UNITS = 24;

	/** Most Latin words a title may have. */
	static final int MAX_TITLE_WORDS = 8;

	/** Units a title cut out of a long clause keeps, shorter than the limit so that it reads as a name. */
	private static final int CUT_TITLE_UNITS = 16;

	private static final int CUT_TITLE_WORDS = 6;

	private static final Pattern BULLET = Pattern.compile("^\\s*(?:[•·●▪◦]|[-*+](?=\\s))\\s*(.+)$");

	private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~).*$");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；!?;])|(?<=\\.)(?=\\s)|\\n+");

	private static final Pattern INTRODUCES_WHAT_FOLLOWS = Pattern.compile(".*[:：]$");

	private static final Pattern BOLD_LEAD = Pattern.compile("^(?:\\*\\*|__)(.+?)(?:\\*\\*|__)\\s*[:：]?\\s*(.*)$",
			Pattern.DOTALL);

	/** A colon that separates a title from its detail (not the one in a URL). */
	private static final Pattern COLON = Pattern.compile("[：]|:(?!//)");

	private static final Pattern PARENTHETICAL = Pattern.compile("\\s*[（(][^（）()]*[）)]");

	private static final Pattern CLAUSE_END = Pattern.compile(":(?!//)|[，,。；;：！!？?、]|\\.(?=\\s|$)|\\s[-–—]\\s");

	private static final Pattern MARKDOWN = Pattern.compile("\\*\\*|__|`");

	private static final Pattern TRAILING = Pattern.compile("[\\s。.！!？?；;，,：:、]+$");

	private static final Pattern TOKEN = Pattern.compile("[\\p{IsLatin}\\p{Nd}][\\p{IsLatin}\\p{Nd}'’_.+#/-]*|\\S");

	private static final Set<String> TRAILING_WORDS = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on",
			"for", "with", "by", "from", "that", "which", "is", "are", "as", "at", "but");

	private static final Set<String> TRAILING_CJK = Set.of("的", "和", "与", "及", "或", "是", "在", "了", "等");

	private KeyPoints() {
	}

	/** The key points of a reference answer, in order, never null. */
	public static List<KeyPoint> fromAnswer(String referenceAnswer) {
		if (referenceAnswer == null || referenceAnswer.isBlank()) {
			return List.of();
		}
		List<KeyPoint> bullets = new ArrayList<>();
		StringBuilder prose = new StringBuilder();
		boolean inCode = false;
		for (String line : referenceAnswer.split("\\R")) {
			if (FENCE.matcher(line).matches()) {
				inCode = !inCode;
				prose.append('\n');
				continue;
			}
			if (inCode) {
				continue;
			}
			var matcher = BULLET.matcher(line);
			if (matcher.matches()) {
				bullets.add(of(matcher.group(1)));
			}
			prose.append(line).append('\n');
		}
		if (!bullets.isEmpty()) {
			return List.copyOf(bullets);
		}
		List<KeyPoint> sentences = new ArrayList<>();
		for (String sentence : SENTENCE_END.split(prose)) {
			String trimmed = sentence.strip();
			if (trimmed.codePointCount(0, trimmed.length()) >= 4
					&& !INTRODUCES_WHAT_FOLLOWS.matcher(trimmed).matches()) {
				sentences.add(of(trimmed));
			}
		}
		return List.copyOf(sentences);
	}

	/** Key points from lines as a bank writes them, each titled by {@link #of(String)}. */
	public static List<KeyPoint> list(String... texts) {
		return java.util.Arrays.stream(texts).map(KeyPoints::of).toList();
	}

	/** One key point as a bank writes it, titled by the rules above. */
	public static KeyPoint of(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a key point needs text");
		}
		String line = text.strip();
		Matcher bold = BOLD_LEAD.matcher(line);
		if (bold.matches()) {
			String title = clean(bold.group(1));
			if (!title.isEmpty() && isShort(title)) {
				return new KeyPoint(title, bold.group(2));
			}
		}
		Matcher colon = COLON.matcher(line);
		if (colon.find() && colon.start() > 0) {
			String head = line.substring(0, colon.start());
			String title = clean(PARENTHETICAL.matcher(head).replaceAll(""));
			String rest = line.substring(colon.end()).strip();
			if (hasLetter(title) && isShort(title) && !rest.isEmpty()) {
				return new KeyPoint(title, title.equals(clean(head)) ? rest : line);
			}
		}
		String whole = clean(line);
		if (isShort(whole) && !CLAUSE_END.matcher(whole).find()) {
			return new KeyPoint(whole, "");
		}
		Matcher clause = CLAUSE_END.matcher(line);
		String first = (clause.find() && clause.start() > 0) ? line.substring(0, clause.start()) : line;
		String title = cut(clean(first));
		return new KeyPoint(title.isEmpty() ? cut(whole) : title, line);
	}

	/** A title or any short label, cut to at most {@code maxUnits} units at a character or word boundary. */
	public static String shorten(String text, int maxUnits) {
		String clean = clean(text);
		return (units(clean) <= maxUnits) ? clean : cut(clean, maxUnits, maxUnits) + "…";
	}

	static boolean isShort(String title) {
		int words = 0;
		int units = 0;
		for (String token : tokens(title)) {
			if (isWord(token)) {
				words++;
				units++;
			}
			else if (Language.isHan(token.codePointAt(0))) {
				units++;
			}
		}
		return units > 0 && units <= MAX_TITLE_UNITS && words <= MAX_TITLE_WORDS;
	}

	private static int units(String text) {
		int units = 0;
		for (String token : tokens(text)) {
			if (isWord(token) || Language.isHan(token.codePointAt(0))) {
				units++;
			}
		}
		return units;
	}

	private static String cut(String text) {
		return cut(text, CUT_TITLE_UNITS, CUT_TITLE_WORDS);
	}

	/** The longest prefix within the limits that ends at a token boundary, minus dangling function words. */
	private static String cut(String text, int maxUnits, int maxWords) {
		Matcher token = TOKEN.matcher(text);
		int units = 0;
		int words = 0;
		int end = 0;
		List<int[]> kept = new ArrayList<>();
		while (token.find()) {
			String value = token.group();
			boolean word = isWord(value);
			boolean counts = word || Language.isHan(value.codePointAt(0));
			if (counts && (units + 1 > maxUnits || (word && words + 1 > maxWords))) {
				break;
			}
			units += counts ? 1 : 0;
			words += word ? 1 : 0;
			end = token.end();
			kept.add(new int[] { token.start(), token.end() });
		}
		while (kept.size() > 1) {
			int[] last = kept.get(kept.size() - 1);
			String value = text.substring(last[0], last[1]);
			if (!TRAILING_WORDS.contains(value.toLowerCase(Locale.ROOT)) && !TRAILING_CJK.contains(value)
					&& !TRAILING.matcher(value).matches()) {
				break;
			}
			kept.remove(kept.size() - 1);
			end = kept.get(kept.size() - 1)[1];
		}
		return TRAILING.matcher(text.substring(0, end)).replaceAll("").strip();
	}

	private static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher token = TOKEN.matcher(text);
		while (token.find()) {
			tokens.add(token.group());
		}
		return tokens;
	}

	private static boolean isWord(String token) {
		int first = token.codePointAt(0);
		return Character.isLetterOrDigit(first) && !Language.isHan(first);
	}

	private static boolean hasLetter(String text) {
		return text.codePoints().anyMatch(Character::isLetter);
	}

	private static String clean(String text) {
		String plain = MARKDOWN.matcher(text).replaceAll("").strip().replaceAll("\\s+", " ");
		return TRAILING.matcher(plain).replaceAll("").strip();
	}

}
