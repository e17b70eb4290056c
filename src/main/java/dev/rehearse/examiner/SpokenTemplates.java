package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.rehearse.questionbank.KeyPoints;

/**
 * The examiner's spoken lines when no model writes them (no model configured, or the model was
 * too slow): a short interviewer's lead-in before the bank's question, kept verbatim so its
 * meaning cannot drift, and a follow-up naming the first missed (else partly covered) key point
 * by its title in an interviewer's words, never by its detail. Chinese for {@code zh*} questions,
 * English otherwise; the choice among phrasings is a hash of the question and the point, so the
 * same follow-up always sounds the same. Each {@link InterviewerStyle} has its own lead-ins: a
 * friendly interviewer puts the candidate at ease and encourages before a follow-up, a strict one
 * is bare and presses for precision.
 */
final class SpokenTemplates {

	/*
	 * None says "next": the opener is chosen without knowing the question's place, and the first
	 * question introduced as "the next one" reads wrong.
	 */
	private static final List<String> ZH_OPENERS = List.of("我们来聊聊这个问题：", "请你讲讲这个问题：", "好，请你讲讲：",
			"来看这道题：");

	private static final List<String> EN_OPENERS = List.of("Let's talk about this one. ", "Here's a question: ",
			"Alright, walk me through this: ", "Here's one for you. ");

	/** Follow-ups naming only the point asked about, by its title. */
	private static final List<String> ZH_FOLLOW_UPS = List.of("那「%s」这块你怎么看？", "我们再聊聊「%s」吧，你是怎么理解的？",
			"关于「%s」，你能展开讲讲吗？", "如果让你讲讲「%s」，你会从哪里说起？", "「%s」这方面你了解多少？可以说说看。");

	/** Follow-ups that start from a point the candidate covered, then name the one asked about. */
	private static final List<String> ZH_FOLLOW_UPS_AFTER = List.of("你刚才提到了「%s」，那「%s」这块你怎么看？",
			"「%s」讲得不错。那「%s」呢，你是怎么理解的？", "顺着你说的「%s」往下问：「%s」这方面你了解多少？");

	private static final List<String> EN_FOLLOW_UPS = List.of("What about \"%s\"? How would you explain it?",
			"Let's go a bit further: how do you think about \"%s\"?", "Could you talk me through \"%s\"?",
			"If I asked you about \"%s\", where would you start?",
			"How familiar are you with \"%s\"? Tell me what you know.");

	private static final List<String> EN_FOLLOW_UPS_AFTER = List.of("You mentioned \"%s\". What about \"%s\"?",
			"Good point on \"%s\". And how would you explain \"%s\"?",
			"Building on \"%s\": what can you tell me about \"%s\"?");

	/** Friendly: the same question after a lead-in that puts the candidate at ease. */
	private static final List<String> ZH_FRIENDLY_OPENERS = List.of("别紧张，我们来聊聊这个问题：", "慢慢来，请你讲讲：",
			"我们轻松聊一下这道题：", "不用急，说说你的理解：");

	private static final List<String> EN_FRIENDLY_OPENERS = List.of("No rush, let's talk about this one. ",
			"Take your time with this one: ", "Let's have a relaxed look at this: ", "Here's a nice one to think about: ");

	/** Strict: a bare, exacting lead-in. */
	private static final List<String> ZH_STRICT_OPENERS = List.of("请准确回答：", "问题：", "请具体说明：", "请严谨地回答：");

	private static final List<String> EN_STRICT_OPENERS = List.of("Answer precisely: ", "Question: ", "Be specific: ",
			"Explain this precisely: ");

	/** Friendly follow-ups start with a word of encouragement, then ask as the neutral ones do. */
	private static final List<String> ZH_ENCOURAGEMENTS = List.of("思路不错。", "已经讲到点子上了。", "开了个好头。");

	private static final List<String> EN_ENCOURAGEMENTS = List.of("Nice effort so far. ", "You're on the right track. ",
			"Good start. ");

	/** Strict follow-ups press on the point, by its title only, with no praise. */
	private static final List<String> ZH_STRICT_FOLLOW_UPS = List.of("「%s」请讲得更准确一些，具体是怎样的？",
			"关于「%s」，请具体说明：它是怎么回事？", "「%s」还不够，能准确地讲一下吗？");

	private static final List<String> EN_STRICT_FOLLOW_UPS = List.of("Be precise about \"%s\": what exactly happens there?",
			"I need more on \"%s\". How does it work, specifically?", "Go further on \"%s\": what would you say, exactly?");

	private static final Pattern MARKDOWN = Pattern.compile("[*_`#>]+");

	/** The longest title quoted in a follow-up, in CJK characters or words; longer ones are cut at a boundary. */
	static final int ZH_TITLE_UNITS = 16;

	static final int EN_TITLE_UNITS = 8;

	private SpokenTemplates() {
	}

	/** Whether a question's language is Chinese (any {@code zh} tag). */
	static boolean chinese(String language) {
		return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
	}

	/**
	 * The question as an interviewer would say it: a lead-in in the interviewer's style, then the
	 * question verbatim.
	 */
	static String spokenQuestion(QuestionContext question) {
		String text = MARKDOWN.matcher(question.question()).replaceAll("").strip().replaceAll("\\s+", " ");
		boolean zh = chinese(question.language());
		List<String> openers = switch (question.style()) {
			case FRIENDLY -> zh ? ZH_FRIENDLY_OPENERS : EN_FRIENDLY_OPENERS;
			case STRICT -> zh ? ZH_STRICT_OPENERS : EN_STRICT_OPENERS;
			case NEUTRAL -> zh ? ZH_OPENERS : EN_OPENERS;
		};
		return pick(openers, text) + text;
	}

	/**
	 * One follow-up on the first missed (else partly covered) key point, naming it by its title
	 * (never its detail), sometimes after a point the candidate did cover; or an open invitation
	 * to add something when the answer covered every point.
	 */
	static String followUp(QuestionContext question, Verdict verdict) {
		boolean zh = chinese(question.language());
		Optional<Verdict.KeyPointResult> point = probed(verdict);
		InterviewerStyle style = question.style();
		if (point.isEmpty()) {
			return switch (style) {
				case FRIENDLY -> zh ? "回答得很完整，很棒！如果让你再补充一点，你还会讲什么？"
						: "That was a thorough answer, well done. Is there anything you would add?";
				case STRICT -> zh ? "要点都讲到了。还有要补充的吗？请简要说明。" : "That covered the points. Anything to add, briefly?";
				case NEUTRAL -> zh ? "回答得挺完整。如果让你再补充一点，你还会讲什么？"
						: "That covered it well. Is there anything you would add?";
			};
		}
		String title = title(point.get().title(), zh);
		if (style == InterviewerStyle.STRICT) {
			return String.format(pick(zh ? ZH_STRICT_FOLLOW_UPS : EN_STRICT_FOLLOW_UPS, question.question() + title), title);
		}
		String lead = (style == InterviewerStyle.FRIENDLY)
				? pick(zh ? ZH_ENCOURAGEMENTS : EN_ENCOURAGEMENTS, question.question() + title) : "";
		return lead + neutralFollowUp(question, verdict, title, zh);
	}

	private static String neutralFollowUp(QuestionContext question, Verdict verdict, String title, boolean zh) {
		Optional<String> covered = verdict.keyPoints(Verdict.Coverage.COVERED).stream().findFirst()
			.map((result) -> title(result.title(), zh));
		List<String> options = new ArrayList<>(zh ? ZH_FOLLOW_UPS : EN_FOLLOW_UPS);
		if (covered.isPresent()) {
			options.addAll(zh ? ZH_FOLLOW_UPS_AFTER : EN_FOLLOW_UPS_AFTER);
		}
		String template = pick(options, question.question() + title);
		return (template.indexOf("%s") != template.lastIndexOf("%s")) ? String.format(template, covered.get(), title)
				: String.format(template, title);
	}

	/** The key point a follow-up asks about: the first missed one, else the first partly covered one. */
	static Optional<Verdict.KeyPointResult> probed(Verdict verdict) {
		return verdict.keyPoints(Verdict.Coverage.MISSED)
			.stream()
			.findFirst()
			.or(() -> verdict.keyPoints(Verdict.Coverage.PARTLY).stream().findFirst());
	}

	/** A key point's title as an interviewer quotes it: without markup, cut at a word or character boundary. */
	static String title(String title, boolean zh) {
		String text = MARKDOWN.matcher(title).replaceAll("").strip();
		return KeyPoints.shorten(text, zh ? ZH_TITLE_UNITS : EN_TITLE_UNITS);
	}

	private static String pick(List<String> options, String seed) {
		return options.get(Math.floorMod(seed.hashCode(), options.size()));
	}

}
