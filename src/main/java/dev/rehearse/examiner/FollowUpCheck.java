package dev.rehearse.examiner;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.questionbank.KeyPoint;

/**
 * Whether a model's follow-up question may be asked: one short question that names the point
 * without giving it away. It gives the answer away when it holds more than
 * {@value #MAX_LEAKED_WORDS} word of the point's detail or of the reference answer that is not
 * also a word of a key point's title, of the question or of the candidate's own answer. Words
 * are Latin words (lower case, a plural {@code s} dropped) and CJK character bigrams, minus stop
 * words and an interviewer's stock phrases, so "你是怎么理解的" or "how would you explain" never
 * count.
 */
final class FollowUpCheck {

	/** Words from the detail or reference a follow-up may share (beyond titles, question and answer). */
	static final int MAX_LEAKED_WORDS = 1;

	/** The longest follow-up, in CJK characters plus Latin words. */
	static final int MAX_UNITS = 60;

	private static final Pattern LATIN = Pattern.compile("[\\p{IsLatin}\\p{Nd}][\\p{IsLatin}\\p{Nd}_+#-]*");

	private static final Pattern CJK_RUN = Pattern.compile("[\\p{IsHan}]+");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on",
			"at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its",
			"this", "that", "these", "those", "there", "then", "than", "so", "if", "when", "what", "which", "who",
			"how", "why", "where", "do", "doe", "did", "done", "does", "can", "could", "would", "should", "will", "may",
			"might", "you", "your", "yours", "we", "our", "i", "me", "my", "they", "them", "their", "he", "she", "not",
			"no", "yes", "about", "more", "most", "some", "any", "all", "also", "just", "only", "very", "much", "many",
			"one", "two", "into", "out", "up", "down", "over", "under", "between", "through", "explain", "tell", "talk",
			"think", "say", "said", "mention", "mentioned", "describe", "know", "familiar", "walk", "go", "further",
			"let", "start", "point", "answer", "question", "bit", "little", "part", "thing", "way", "work", "use", "used",
			"using", "like", "have", "has", "had", "get", "make", "see", "well", "good", "great", "sure", "ok", "okay",
			"now", "earlier", "again", "else", "other", "another", "here", "please", "maybe", "example", "detail");

	/** Characters that make a CJK bigram a function-word pair rather than a content word. */
	private static final String CJK_STOP_CHARS = "的了是在和与及或也都就还吗呢吧啊呀么这那你我他她它们个一有不没说讲能会要把被对从到让给很再又些哪什怎如何为里上下中来去看想得着过呗嘛哦";

	private static final Set<String> CJK_STOP_BIGRAMS = Set.of("理解", "看法", "展开", "具体", "方面", "问题", "回答", "刚才",
			"提到", "了解", "这块", "部分", "可以", "比如", "例如", "一下", "时候", "情况", "知道", "觉得", "认为", "应该", "追问", "补充",
			"一点", "起来", "东西", "地方", "面试", "解释", "介绍", "简单", "经验", "结合", "同事", "为什", "因为", "所以", "然后", "但是");

	private FollowUpCheck() {
	}

	/** Why the follow-up must not be asked, or empty when it may. */
	static Optional<String> problem(String followUp, KeyPoint point, QuestionContext question, String answer) {
		String text = (followUp != null) ? followUp.strip() : "";
		if (text.isEmpty()) {
			return Optional.of("empty");
		}
		if (units(text) > MAX_UNITS) {
			return Optional.of("too long");
		}
		if (text.indexOf('?') < 0 && text.indexOf('？') < 0) {
			return Optional.of("not a question");
		}
		if (text.contains("<<<") || text.contains("```") || text.contains("{") || text.contains("<think")) {
			return Optional.of("markup");
		}
		Set<String> leaked = words(text);
		Set<String> revealing = words(point.detail() + "\n" + question.referenceAnswer());
		leaked.retainAll(revealing);
		for (KeyPoint any : question.keyPoints()) {
			leaked.removeAll(words(any.title()));
		}
		leaked.removeAll(words(point.title()));
		leaked.removeAll(words(question.question()));
		leaked.removeAll(words(answer));
		if (leaked.size() > MAX_LEAKED_WORDS) {
			return Optional.of("reveals the point (" + leaked.size() + " words of its detail or the reference)");
		}
		return Optional.empty();
	}

	/** The content words of a text: Latin words and CJK bigrams, stop words left out. */
	static Set<String> words(String text) {
		Set<String> words = new LinkedHashSet<>();
		if (text == null) {
			return words;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		Matcher latin = LATIN.matcher(lower);
		while (latin.find()) {
			String word = latin.group();
			if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
				word = word.substring(0, word.length() - 1);
			}
			if ((word.length() > 1 || Character.isDigit(word.charAt(0))) && !STOP_WORDS.contains(word)) {
				words.add(word);
			}
		}
		Matcher run = CJK_RUN.matcher(lower);
		while (run.find()) {
			String han = run.group();
			int[] cps = han.codePoints().toArray();
			for (int i = 0; i + 1 < cps.length; i++) {
				String bigram = new String(cps, i, 2);
				if (CJK_STOP_CHARS.indexOf(cps[i]) < 0 && CJK_STOP_CHARS.indexOf(cps[i + 1]) < 0
						&& !CJK_STOP_BIGRAMS.contains(bigram)) {
					words.add(bigram);
				}
			}
		}
		return words;
	}

	private static int units(String text) {
		int units = 0;
		Matcher latin = LATIN.matcher(text);
		while (latin.find()) {
			units++;
		}
		return units + (int) text.codePoints().filter((cp) -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
	}

}
