package dev.rehearse.examiner;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.rehearse.questionbank.KeyPoint;

/**
 * Spots answers not worth a model call: empty ones, "不知道 / I don't know" and the like, and
 * answers that share not a single content word (English) or character bigram (Chinese) with
 * the question, its reference answer and key points. Deliberately cautious: an answer is
 * called off-topic only when it has a few content terms of its own and none of them appear in
 * the question's material, so a short correct answer in other words still reaches the
 * examiner.
 */
final class AnswerScreen {

	/** Why an answer was screened out. */
	enum Reason {

		EMPTY, DONT_KNOW, OFF_TOPIC

	}

	private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	/**
	 * The content terms of a question's material (question, reference answer, key points) by that
	 * material: the same few questions are asked again and again, and their terms cost far more to
	 * find than the answer's.
	 */
	private static final Cache<String, Set<String>> MATERIAL_TERMS = Caffeine.newBuilder().maximumSize(2_000).build();

	// Filler and politeness around a non-answer: "嗯……我真的不太清楚", "um, sorry, I honestly don't know".
	private static final Pattern ZH_DONT_KNOW = Pattern.compile(
			"^(?:嗯|呃|额|啊|唔|那个|这个|抱歉|对不起|不好意思|老师|我|也|真的|确实|完全|实在|暂时|还|这题|这道题|这个问题|的|其实)*"
					+ "(?:不知道|不清楚|不会|不懂|不了解|不太清楚|不太了解|不太会|不太懂|没学过|没听过|没用过|没接触过|忘了|忘记了|记不清|记不得|"
					+ "答不上来|答不出来|想不起来|不记得|跳过|过|pass|没有思路|没思路)"
					+ "(?:了|呢|吧|啊|哈|诶|耶|的|这个|这题|答案|怎么答|怎么回答)*$");

	private static final Pattern EN_DONT_KNOW = Pattern.compile("^(?:(?:um+|uh+|er+|erm+|hmm+|well|so|sorry|"
			+ "i m sorry|im sorry|honestly|to be honest|actually|unfortunately)\\s+)*"
			+ "(?:i\\s+)?(?:really\\s+|honestly\\s+|just\\s+|genuinely\\s+|simply\\s+)?"
			+ "(?:don t know|dont know|do not know|have no idea|no idea|am not sure|m not sure|not sure|have no clue|no clue|"
			+ "don t remember|do not remember|can t remember|cannot remember|forgot|dunno|idk|pass|skip|give up|"
			+ "can t answer|cannot answer|don t understand|do not understand|have not learned|haven t learned|no)"
			+ "(?:\\s+(?:sorry|really|at all|the answer|this one|this|that|it|about (?:this|that|it)|anything|"
			+ "anything about (?:this|that|it)|how to answer|what to say))*$");

	private static final Set<String> EN_STOP = Set.of(
			"the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "has", "have", "had", "was", "were",
			"its", "our", "out", "one", "two", "use", "used", "using", "this", "that", "these", "those", "with",
			"from", "into", "what", "when", "where", "which", "who", "why", "how", "does", "did", "doing", "done",
			"about", "there", "their", "then", "than", "them", "they", "will", "would", "could", "should", "also",
			"just", "some", "such", "more", "most", "very", "much", "many", "each", "other", "only", "own", "same",
			"both", "well", "been", "being", "because", "while", "here", "think", "know", "like", "yes", "yeah",
			"okay", "it's", "i'm", "may", "might", "must", "make", "makes", "way", "thing", "things", "get", "gets",
			"got", "let", "say", "said", "explain", "describe", "question", "answer", "mean", "means", "example",
			"between", "difference", "what's", "is", "it", "of", "to", "in", "on", "at", "by", "an", "or", "as", "be",
			"do", "so", "if", "we", "he", "she", "my", "me", "um", "uh", "erm", "hmm", "really", "actually",
			"basically");

	private static final Set<String> ZH_STOP = Set.of("一个", "可以", "我们", "什么", "这个", "那个", "就是", "因为", "所以", "如果",
			"没有", "不是", "他们", "你们", "这样", "然后", "还是", "还有", "进行", "使用", "通过", "以及", "或者", "是一", "么是", "的是",
			"是什", "为什", "怎么", "如何", "一下", "一些", "这些", "那些", "时候", "的时", "可能", "应该", "需要", "我觉", "觉得", "知道",
			"其实", "比如", "例如", "的话", "问题", "回答", "解释", "说明", "区别", "以下", "下面", "是不", "有什", "么样", "是怎", "个问");

	private static final int MIN_CONTENT_TERMS = 3;

	private AnswerScreen() {
	}

	/** Why this answer needs no examiner, or empty when it does. */
	static Optional<Reason> screen(QuestionContext question, String answer) {
		String normalized = normalize(answer);
		if (normalized.isBlank()) {
			return Optional.of(Reason.EMPTY);
		}
		String compactZh = normalized.replace(" ", "");
		if (ZH_DONT_KNOW.matcher(compactZh).matches() || EN_DONT_KNOW.matcher(normalized).matches()) {
			return Optional.of(Reason.DONT_KNOW);
		}
		Set<String> answerTerms = termsOfNormalized(normalized);
		if (answerTerms.size() < MIN_CONTENT_TERMS) {
			return Optional.empty();
		}
		Set<String> material = MATERIAL_TERMS.get(question.question() + "\n" + question.referenceAnswer() + "\n"
				+ question.keyPoints().stream().map(KeyPoint::text).collect(Collectors.joining("\n")),
				AnswerScreen::terms);
		for (String term : answerTerms) {
			if (material.contains(term)) {
				return Optional.empty();
			}
		}
		return Optional.of(Reason.OFF_TOPIC);
	}

	/** Lower case, compatibility-normalized (full-width letters), apostrophes dropped, punctuation as single spaces. */
	static String normalize(String text) {
		if (text == null) {
			return "";
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'');
		return NOT_WORD.matcher(folded).replaceAll(" ").strip();
	}

	/**
	 * Content terms: English (and other non-Han) words of three letters or more, not stop
	 * words, lightly stemmed; and the character bigrams of each run of Han characters.
	 */
	static Set<String> terms(String text) {
		return termsOfNormalized(normalize(text));
	}

	private static Set<String> termsOfNormalized(String normalized) {
		Set<String> terms = new HashSet<>();
		Matcher han = HAN_RUN.matcher(normalized);
		while (han.find()) {
			String run = han.group();
			int[] cps = run.codePoints().toArray();
			for (int i = 0; i + 1 < cps.length; i++) {
				String bigram = new String(cps, i, 2);
				if (!ZH_STOP.contains(bigram)) {
					terms.add(bigram);
				}
			}
		}
		for (String word : SPACES.split(HAN_RUN.matcher(normalized).replaceAll(" "))) {
			if (word.length() >= 3 && !EN_STOP.contains(word)) {
				terms.add(stem(word));
			}
			else if (word.length() == 2 && word.chars().anyMatch(Character::isDigit)) {
				terms.add(word);
			}
		}
		return Set.copyOf(terms);
	}

	private static final List<String> SUFFIXES = List.of("ing", "ed", "es", "s", "ly", "er");

	private static String stem(String word) {
		for (String suffix : SUFFIXES) {
			if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
				return word.substring(0, word.length() - suffix.length());
			}
		}
		return word;
	}

}
