package dev.rehearse.examiner;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The examiner's spoken lines when no model writes them (no model configured, or the model was
 * too slow): a short interviewer's lead-in before the bank's question, kept verbatim so its
 * meaning cannot drift, and a follow-up naming the first missed (else partly covered) key point
 * by its opening words. Chinese for {@code zh*} questions, English otherwise; the choice among
 * phrasings is a hash of the question, so the same question always sounds the same.
 */
final class SpokenTemplates {

	private static final List<String> ZH_OPENERS = List.of("我们来聊聊这个问题：", "下一个问题，", "好，接下来请你讲讲：",
			"来看这道题：");

	private static final List<String> EN_OPENERS = List.of("Let's talk about this one. ", "Next question: ",
			"Alright, walk me through this: ", "Here's one for you. ");

	private static final List<String> ZH_FOLLOW_UPS = List.of("刚才的回答里没怎么提到「%s」这一块，能具体说说吗？",
			"我想追问一下：关于「%s」，你是怎么理解的？", "那「%s」这方面呢？能展开讲讲吗？");

	private static final List<String> EN_FOLLOW_UPS = List.of(
			"You didn't really get into \"%s\". Could you say more about that?",
			"Let me follow up on one thing: how would you explain \"%s\"?",
			"What about \"%s\"? Can you expand on that?");

	private static final Pattern MARKDOWN = Pattern.compile("[*_`#>]+");

	private static final Pattern CLAUSE_END = Pattern.compile("[，,。.；;：:！!？?（(]");

	private static final int ZH_HEAD_CHARS = 20;

	private static final int EN_HEAD_WORDS = 8;

	private SpokenTemplates() {
	}

	/** Whether a question's language is Chinese (any {@code zh} tag). */
	static boolean chinese(String language) {
		return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
	}

	/** The question as an interviewer would say it: a lead-in, then the question verbatim. */
	static String spokenQuestion(QuestionContext question) {
		String text = MARKDOWN.matcher(question.question()).replaceAll("").strip().replaceAll("\\s+", " ");
		List<String> openers = chinese(question.language()) ? ZH_OPENERS : EN_OPENERS;
		return pick(openers, text) + text;
	}

	/**
	 * One follow-up on the first missed (else partly covered) key point, or an open invitation
	 * to add something when the answer covered every point.
	 */
	static String followUp(QuestionContext question, Verdict verdict) {
		boolean zh = chinese(question.language());
		Optional<String> point = verdict.keyPoints(Verdict.Coverage.MISSED)
			.stream()
			.findFirst()
			.or(() -> verdict.keyPoints(Verdict.Coverage.PARTLY).stream().findFirst())
			.map(Verdict.KeyPointResult::title);
		if (point.isEmpty()) {
			return zh ? "回答得挺完整。如果让你再补充一点，你还会讲什么？" : "That covered it well. Is there anything you would add?";
		}
		String head = head(point.get(), zh);
		return String.format(pick(zh ? ZH_FOLLOW_UPS : EN_FOLLOW_UPS, question.question() + head), head);
	}

	/** The opening words of a key point: its first clause, kept short, so the follow-up does not recite the answer. */
	static String head(String point, boolean zh) {
		String text = MARKDOWN.matcher(point).replaceAll("").strip();
		var clause = CLAUSE_END.matcher(text);
		if (clause.find() && clause.start() > 0) {
			text = text.substring(0, clause.start()).strip();
		}
		if (zh) {
			return (text.codePointCount(0, text.length()) > ZH_HEAD_CHARS)
					? text.substring(0, text.offsetByCodePoints(0, ZH_HEAD_CHARS)) + "…" : text;
		}
		String[] words = text.split("\\s+");
		return (words.length > EN_HEAD_WORDS) ? String.join(" ", List.of(words).subList(0, EN_HEAD_WORDS)) + "…"
				: text;
	}

	private static String pick(List<String> options, String seed) {
		return options.get(Math.floorMod(seed.hashCode(), options.size()));
	}

}
