package dev.rehearse.examiner;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.tartarus.snowball.ext.EnglishStemmer;

import dev.rehearse.system.Language;

/**
 * The offline examiner's text handling: the sentences of an answer, and the lexical terms compared
 * between answer, reference and question.
 */
final class OfflineText {

	/** A sentence: up to Chinese or Western end punctuation, a full stop before white space, or a new line. */
	private static final Pattern SENTENCE = Pattern.compile("[^。！？；!?;\\n]+?(?:[。！？；!?;]+|\\.(?=\\s)|(?=\\n)|$)");

	private static final Pattern WORD = Pattern.compile("\\p{IsHan}+|[[\\p{L}\\p{N}]&&[^\\p{IsHan}]]+");

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

	/** A formula or code fragment such as {@code O(n)}, {@code (2n+1)/3} or {@code a[i]}. */
	private static final Pattern FORMULA = Pattern.compile("[a-z0-9()\\[\\]+\\-*/^=<>]*[()\\[\\]+\\-*/^=<>][a-z0-9()\\[\\]+\\-*/^=<>]*");

	/** Words that carry no content in a short technical answer, on top of Lucene's English stop words. */
	private static final Set<String> EXTRA_STOP_WORDS = Set.of("i", "you", "we", "they", "he", "she", "its", "is", "are",
			"was", "were", "been", "being", "am", "do", "does", "did", "can", "could", "would", "should", "may", "might",
			"must", "shall", "has", "have", "had", "which", "what", "when", "where", "who", "whom", "how", "why", "also",
			"than", "so", "very", "more", "most", "some", "any", "each", "other", "all", "both", "only", "own", "same",
			"too", "just", "from", "up", "down", "out", "over", "under", "about", "one", "our", "your", "their", "them",
			"his", "her", "him", "my", "me", "us", "because", "while", "during", "before", "after", "above", "below",
			"between", "through", "until", "again", "once", "here", "there", "those", "these", "nor", "s", "t", "d");

	/** Chinese characters that say nothing about the content on their own. */
	private static final String HAN_FUNCTION_CHARS = "的了是在和与或及而也就都这那个一有为以对把被将等之其中";

	private static final int MAX_SENTENCES = 40;

	private OfflineText() {
	}

	/** The text's sentences, each a trimmed substring of it, at most 40. */
	static List<String> sentences(String text) {
		List<String> sentences = new ArrayList<>();
		Matcher matcher = SENTENCE.matcher(text);
		while (matcher.find() && sentences.size() < MAX_SENTENCES) {
			String sentence = matcher.group().strip();
			if (sentence.codePoints().anyMatch(Character::isLetterOrDigit)) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	/** Whether the text is mostly Chinese, by the one rule every feature uses ({@link Language#isChinese}). */
	static boolean isChinese(String text) {
		return Language.isChinese(text);
	}

	/**
	 * The text's content terms: Snowball-stemmed words without stop words, and Chinese characters
	 * without function characters. Single characters measured better than character bigrams on
	 * the Chinese benchmark (reference recall alone: r 0.48 against 0.43), as answers often say
	 * the same thing with other two-character words that share a character.
	 */
	static Set<String> terms(String text) {
		Set<String> terms = new LinkedHashSet<>();
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		Matcher matcher = WORD.matcher(normalized);
		EnglishStemmer stemmer = new EnglishStemmer();
		while (matcher.find()) {
			String word = matcher.group();
			if (HAN.matcher(word).matches()) {
				word.codePoints()
					.filter((c) -> HAN_FUNCTION_CHARS.indexOf(c) < 0)
					.forEach((c) -> terms.add(Character.toString(c)));
			}
			else if (!isStopWord(word)) {
				terms.add(stem(stemmer, word));
			}
		}
		// whole formulas as terms too: "n/2" and "(2n+1)/3" say more than their letters and digits
		terms.addAll(formulasOf(normalized));
		return terms;
	}

	/**
	 * The formulas and code fragments in a text, lower case and without {@code *}: {@code n/2},
	 * {@code (2n+1)/3}, {@code 2^(n-1)}, {@code o(1)}.
	 */
	static Set<String> formulas(String text) {
		return formulasOf(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
	}

	private static Set<String> formulasOf(String normalized) {
		Set<String> found = new LinkedHashSet<>();
		Matcher formulas = FORMULA.matcher(normalized.replace("*", ""));
		while (formulas.find()) {
			String formula = formulas.group();
			boolean operator = formula.chars().anyMatch((c) -> "()[]+/^=<>".indexOf(c) >= 0)
					|| (formula.indexOf('-') >= 0 && formula.chars().anyMatch(Character::isDigit));
			if (operator && formula.chars().filter(Character::isLetterOrDigit).count() >= 2) {
				found.add(formula);
			}
		}
		return found;
	}

	/** The share of {@code wanted} found in {@code present}, 0 when nothing is wanted. */
	static double recall(Set<String> wanted, Set<String> present) {
		if (wanted.isEmpty()) {
			return 0;
		}
		long found = wanted.stream().filter(present::contains).count();
		return (double) found / wanted.size();
	}

	/** A Latin-script name or identifier: {@code BERT}, {@code GPT-3}, {@code count++}, {@code @Autowired}. */
	private static final Pattern NAME = Pattern.compile("@?[\\p{IsLatin}\\p{Nd}][\\p{IsLatin}\\p{Nd}_.#+-]*[\\p{IsLatin}\\p{Nd}+#]|@?[\\p{IsLatin}]");

	/** Saying one is unsure, or hedging instead of answering. */
	private static final Pattern HEDGE = Pattern.compile("不太深|不太清楚|不清楚|说不太好|说不好|说不准|说不太准|不太确定|不确定|记不太清|记不清|"
			+ "没怎么想过|说不全|不太懂|不太了解|不了解|不知道|大概就是那样|看情况吧|具体情况具体分析|"
			+ "\\bnot (?:too |really |quite |entirely |very )?sure\\b|\\bno idea\\b|\\bi guess\\b|\\bdepends\\b|"
			+ "\\bhave to think\\b|\\bdon'?t (?:really )?(?:know|remember)\\b|\\bnot certain\\b|\\bkind of just\\b|"
			+ "\\bit'?s complicated\\b|\\bi'?ve heard (?:of|about) it\\b");

	/** Characters that make a Chinese phrase a statement rather than a bare term. */
	private static final String HAN_PREDICATE_CHARS = "的是了在有把被让会能就要对将为说做吧呢吗着过得地很都也还";

	/** Words that make an English phrase a statement rather than a bare term. */
	private static final Set<String> EN_PREDICATE_WORDS = Set.of("is", "are", "was", "were", "be", "been", "being",
			"am", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "should", "may", "might",
			"must", "the", "a", "an", "this", "that", "it", "its", "to", "of", "in", "on", "at", "by", "for", "from",
			"with", "as", "if", "so", "when", "then", "than", "which", "who", "what", "i", "you", "we", "they", "he",
			"she", "there", "not", "no", "get", "gets", "make", "makes", "use", "uses", "used", "means", "mean",
			"like", "just");

	private static final Pattern LIST_SEPARATOR = Pattern.compile("[、/／]");

	private static final Pattern ENUMERATION_COMMA = Pattern.compile("、");

	private static final Pattern LISTED_WORD = Pattern.compile("[a-z][a-z0-9]+");

	/**
	 * The distinctive names in a key point's title, lower case: what a candidate who knows the
	 * point would say. In a Chinese title every Latin-script word ({@code BERT}, {@code XLNet},
	 * {@code LangChain}); in an English title the identifiers and acronyms ({@code StackOverflowError},
	 * {@code G1}, {@code count++}, {@code @Autowired}, {@code GC}), not ordinary words.
	 */
	static List<String> distinctiveNames(String title, boolean chineseQuestion) {
		List<String> names = new ArrayList<>();
		String normalized = Normalizer.normalize(title, Normalizer.Form.NFKC);
		boolean chinese = chineseQuestion || HAN.matcher(normalized).find();
		Matcher matcher = NAME.matcher(normalized);
		while (matcher.find()) {
			String name = matcher.group();
			String lower = name.toLowerCase(Locale.ROOT);
			boolean identifier = name.chars().skip(1).anyMatch(Character::isUpperCase)
					|| name.chars().anyMatch(Character::isDigit) || name.chars().anyMatch((c) -> "@_+#".indexOf(c) >= 0);
			boolean word = name.chars().filter(Character::isLetterOrDigit).count() >= 2 && !isStopWord(lower);
			if (word && (chinese || identifier) && !names.contains(lower)) {
				names.add(lower);
			}
		}
		return names;
	}

	/** Whether lower-case text names the (lower-case) name as a word of its own, not inside another. */
	static boolean names(String lowerText, String name) {
		int from = 0;
		while (true) {
			int at = lowerText.indexOf(name, from);
			if (at < 0) {
				return false;
			}
			int end = at + name.length();
			boolean startOk = at == 0 || !isLatinLetterOrDigit(lowerText.charAt(at - 1));
			boolean endOk = end >= lowerText.length() || !isLatinLetterOrDigit(lowerText.charAt(end));
			if (startOk && endOk) {
				return true;
			}
			from = at + 1;
		}
	}

	/** Dismissing something as irrelevant: "跟数据没什么关系", "无所谓", "it doesn't matter". */
	private static final Pattern DISMISSAL = Pattern.compile("没什么关系|没有关系|没啥关系|无所谓|不重要|都差不多|都一样|"
			+ "\\bdoes(?:n'?t| not) matter\\b|\\bdon'?t matter\\b|\\birrelevant\\b|\\bnothing to do with\\b|"
			+ "\\bnot important\\b|\\ball the same\\b");

	/** Whether a clause dismisses what it names as irrelevant. */
	static boolean dismisses(String clause) {
		String normalized = Normalizer.normalize(clause, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'');
		return DISMISSAL.matcher(normalized).find();
	}

	/**
	 * How many content units (Chinese characters, Latin words) a title has besides its names and
	 * the question's own terms: "GPT系列" has 2, "T5" none.
	 */
	static int unitsBesides(String title, List<String> names, Set<String> questionTerms) {
		int units = 0;
		for (String term : terms(title)) {
			if (!names.contains(term) && !questionTerms.contains(term)
					&& names.stream().noneMatch((name) -> name.startsWith(term) || term.startsWith(name))) {
				units++;
			}
		}
		return units;
	}

	/** Whether the text says the candidate is unsure or only hedges ("不太清楚", "not sure", "I guess"). */
	static boolean hedges(String text) {
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'');
		return HEDGE.matcher(normalized).find();
	}

	/**
	 * Whether an answer is a keyword salad: at least four items (clauses, or parts of a clause
	 * between enumeration commas) of which three in four are bare terms, saying nothing about them.
	 */
	static boolean isKeywordSalad(List<AnswerClauses.Clause> clauses) {
		int items = 0;
		int bare = 0;
		for (AnswerClauses.Clause clause : clauses) {
			// a slash inside a formula ("n/2", "(2n+1)/3") divides, it does not list
			boolean formulas = statesFormula(clause.text());
			for (String item : (formulas ? ENUMERATION_COMMA : LIST_SEPARATOR).split(clause.text())) {
				String stripped = item.strip();
				if (stripped.codePoints().noneMatch(Character::isLetterOrDigit)) {
					continue;
				}
				items++;
				// a formula answers a question of "how many": it is a claim, not a bare term
				if (!statesFormula(stripped) && isBareTerm(stripped)) {
					bare++;
				}
			}
		}
		return items >= 4 && bare * 4 >= items * 3;
	}

	/** Whether the text holds a formula, not just words listed with slashes ("GPT/BERT/T5"). */
	private static boolean statesFormula(String text) {
		for (String formula : formulas(text)) {
			if (!Arrays.stream(formula.split("/")).allMatch((part) -> LISTED_WORD.matcher(part).matches())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isBareTerm(String item) {
		String lower = Normalizer.normalize(item, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		if (lower.codePoints().anyMatch((c) -> HAN_PREDICATE_CHARS.indexOf(c) >= 0)) {
			return false;
		}
		long han = lower.codePoints().filter((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
		String[] words = lower.replaceAll("\\p{IsHan}+", " ").strip().split("[\\s]+");
		long latinWords = Arrays.stream(words).filter((w) -> !w.isBlank()).count();
		if (Arrays.stream(words).anyMatch(EN_PREDICATE_WORDS::contains)) {
			return false;
		}
		return han <= 10 && latinWords <= 4;
	}

	/**
	 * The clues a clause can share with a key point: stemmed Latin words of two or more characters as in {@link #terms} and
	 * pairs of adjacent Chinese characters — a single shared character ("模") says too little.
	 */
	static Set<String> clues(String text) {
		Set<String> clues = new LinkedHashSet<>();
		for (String term : terms(text)) {
			// a single letter or digit ("n", "2") says as little as a single Chinese character
			if (!isHan(term) && term.length() > 1) {
				clues.add(term);
			}
		}
		Matcher han = HAN.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC));
		while (han.find()) {
			int[] cps = han.group().codePoints().toArray();
			for (int i = 0; i + 1 < cps.length; i++) {
				if (HAN_FUNCTION_CHARS.indexOf(cps[i]) < 0 || HAN_FUNCTION_CHARS.indexOf(cps[i + 1]) < 0) {
					clues.add(new String(cps, i, 2));
				}
			}
		}
		return clues;
	}

	/** Whether a term is a Chinese character (rather than a word). */
	static boolean isHan(String term) {
		return !term.isEmpty() && Character.UnicodeScript.of(term.codePointAt(0)) == Character.UnicodeScript.HAN;
	}

	private static boolean isLatinLetterOrDigit(char c) {
		return c < 0x2E80 && Character.isLetterOrDigit(c);
	}

	private static boolean isStopWord(String word) {
		return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word) || EXTRA_STOP_WORDS.contains(word);
	}

	private static String stem(EnglishStemmer stemmer, String word) {
		if (word.length() < 3 || word.chars().anyMatch(Character::isDigit)) {
			return word;
		}
		stemmer.setCurrent(word);
		stemmer.stem();
		return stemmer.getCurrent();
	}

}
