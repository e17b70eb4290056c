package dev.rehearse.examiner;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.tartarus.snowball.ext.EnglishStemmer;

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

	/** Whether the text is mostly Chinese (at least a third of its letters are Han characters). */
	static boolean isChinese(String text) {
		long han = text.codePoints().filter((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
		long letters = text.codePoints().filter(Character::isLetter).count();
		return letters > 0 && han * 3 >= letters;
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
		Matcher formulas = FORMULA.matcher(normalized.replace("*", ""));
		while (formulas.find()) {
			String formula = formulas.group();
			boolean operator = formula.chars().anyMatch((c) -> "()[]+/^=<>".indexOf(c) >= 0)
					|| (formula.indexOf('-') >= 0 && formula.chars().anyMatch(Character::isDigit));
			if (operator && formula.chars().filter(Character::isLetterOrDigit).count() >= 2) {
				terms.add(formula);
			}
		}
		return terms;
	}

	/** The share of {@code wanted} found in {@code present}, 0 when nothing is wanted. */
	static double recall(Set<String> wanted, Set<String> present) {
		if (wanted.isEmpty()) {
			return 0;
		}
		long found = wanted.stream().filter(present::contains).count();
		return (double) found / wanted.size();
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
