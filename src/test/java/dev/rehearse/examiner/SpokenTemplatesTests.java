package dev.rehearse.examiner;

import java.util.List;

import dev.rehearse.questionbank.KeyPoints;

import dev.rehearse.questionbank.KeyPoint;

import org.junit.jupiter.api.Test;

import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;

import static org.assertj.core.api.Assertions.assertThat;

class SpokenTemplatesTests {

	private static final Verdict.Provenance P = new Verdict.Provenance("offline", "local", "m", "v", false);

	@Test
	void spokenQuestionKeepsTheQuestionVerbatimInItsLanguage() {
		QuestionContext zh = new QuestionContext("**HashMap** 的底层数据结构是什么？", "r", List.of(), "zh-CN");
		assertThat(SpokenTemplates.spokenQuestion(zh)).endsWith("HashMap 的底层数据结构是什么？")
			.doesNotContain("**")
			.containsPattern("\\p{IsHan}[：，]");
		QuestionContext en = new QuestionContext("What is an index?", "r", List.of(), "en");
		assertThat(SpokenTemplates.spokenQuestion(en)).endsWith("What is an index?").matches("^[A-Z][^\\p{IsHan}]+$");
		assertThat(SpokenTemplates.spokenQuestion(en)).isEqualTo(SpokenTemplates.spokenQuestion(en));
	}

	private static Verdict verdict(Coverage first, KeyPoint... points) {
		List<KeyPointResult> results = new java.util.ArrayList<>();
		for (int i = 0; i < points.length; i++) {
			results.add(new KeyPointResult(points[i], (i == 0) ? first : Coverage.MISSED, ""));
		}
		return new Verdict(5, results, List.of(), List.of(), P);
	}

	/** Words of the detail in the follow-up that are not words of the title. */
	private static java.util.Set<String> detailWords(String followUp, KeyPoint point) {
		java.util.Set<String> words = FollowUpCheck.words(followUp);
		words.retainAll(FollowUpCheck.words(point.detail()));
		words.removeAll(FollowUpCheck.words(point.title()));
		return words;
	}

	@Test
	void followUpNamesTheMissedPointByItsTitleAndNeverQuotesItsDetail() {
		KeyPoint models = new KeyPoint("预训练模型", "GPT、BERT 都是在大规模语料上预训练的");
		KeyPoint data = new KeyPoint("数据量的增加", "预训练语料从 GB 级增长到 TB 级，模型因此学到更多知识");
		QuestionContext zh = new QuestionContext("大模型为什么会变强？", "r", List.of(models, data), "zh");
		String followUp = SpokenTemplates.followUp(zh, verdict(Coverage.COVERED, models, data));
		assertThat(followUp).contains("「数据量的增加」").endsWith("？").doesNotContain("语料").doesNotContain("TB");
		assertThat(detailWords(followUp, data)).isEmpty();

		KeyPoint stack = new KeyPoint("Stack exhaustion", "Deep recursion gives StackOverflowError");
		QuestionContext en = new QuestionContext("What can go wrong with recursion?", "r", List.of(stack), "en");
		String english = SpokenTemplates.followUp(en, verdict(Coverage.MISSED, stack));
		assertThat(english).contains("\"Stack exhaustion\"").endsWith("?").doesNotContain("StackOverflowError");
		assertThat(detailWords(english, stack)).isEmpty();
	}

	@Test
	void followUpsAreVariedInBothLanguages() {
		for (String language : List.of("zh", "en")) {
			java.util.Set<String> shapes = new java.util.HashSet<>();
			for (int i = 0; i < 60; i++) {
				KeyPoint covered = new KeyPoint("covered " + i, "");
				KeyPoint missed = new KeyPoint("missed " + i, "");
				QuestionContext question = new QuestionContext("Question " + i + "?", "r", List.of(covered, missed), language);
				String followUp = SpokenTemplates.followUp(question,
						verdict((i % 2 == 0) ? Coverage.COVERED : Coverage.PARTLY, covered, missed));
				assertThat(followUp).contains("missed " + i);
				shapes.add(followUp.replace("covered " + i, "A").replace("missed " + i, "B"));
			}
			assertThat(shapes).as(language).hasSizeGreaterThanOrEqualTo(5);
		}
	}

	@Test
	void quotedTitlesAreCutAtAWordOrCharacterBoundary() {
		KeyPoint zhLong = new KeyPoint("LangChain Agent 是 LangChain 框架里负责规划并调用外部工具完成任务的那个核心组件", "");
		QuestionContext zh = new QuestionContext("说说 LangChain？", "r", List.of(zhLong), "zh");
		String followUp = SpokenTemplates.followUp(zh, verdict(Coverage.MISSED, zhLong));
		assertThat(followUp).contains("「LangChain Agent").doesNotContainPattern("\\p{IsLatin}…").doesNotContain("La...");
		KeyPoint enLong = new KeyPoint("one two three four five six seven eight nine ten eleven", "");
		QuestionContext en = new QuestionContext("Count?", "r", List.of(enLong), "en");
		assertThat(SpokenTemplates.followUp(en, verdict(Coverage.MISSED, enLong))).containsPattern("\"one two three[a-z ]*…\"")
			.doesNotContain("eleven");
	}

	@Test
	void followUpFallsBackToPartlyThenToAnOpenQuestion() {
		QuestionContext en = new QuestionContext("Why index?", "r", KeyPoints.list("faster lookups, usually with a B-tree"),
				"en");
		KeyPoint point = KeyPoint.of("faster lookups, usually with a B-tree");
		String partly = SpokenTemplates.followUp(en, verdict(Coverage.PARTLY, point));
		assertThat(partly).contains("\"" + SpokenTemplates.title(point.title(), false) + "\"").endsWith("?");
		Verdict complete = new Verdict(10, List.of(new KeyPointResult(point, Coverage.COVERED, "lookups")), List.of(),
				List.of(), P);
		assertThat(SpokenTemplates.followUp(en, complete)).isEqualTo("That covered it well. Is there anything you would add?");
	}


	// ---- interviewer styles

	private static final KeyPoint STACK = new KeyPoint("Stack exhaustion", "Deep recursion gives StackOverflowError");

	private static final KeyPoint DATA = new KeyPoint("数据量的增加", "预训练语料从 GB 级增长到 TB 级");

	@Test
	void eachStyleLeadsIntoTheSameVerbatimQuestionInItsOwnWordsInBothLanguages() {
		for (String language : List.of("en", "zh")) {
			String question = language.equals("zh") ? "HashMap 的底层数据结构是什么？" : "What is an index?";
			List<String> spoken = java.util.Arrays.stream(InterviewerStyle.values())
				.map((style) -> SpokenTemplates.spokenQuestion(new QuestionContext(question, "r", List.of(), language, style)))
				.toList();
			assertThat(spoken).allSatisfy((line) -> assertThat(line).endsWith(question));
			assertThat(spoken).doesNotHaveDuplicates();
			if (language.equals("zh")) {
				assertThat(spoken).allSatisfy((line) -> assertThat(line).containsPattern("\\p{IsHan}[：，。]"));
			}
			else {
				assertThat(spoken).allSatisfy((line) -> assertThat(line).matches("^[A-Z][^\\p{IsHan}]+$"));
			}
		}
		QuestionContext neutral = new QuestionContext("What is an index?", "r", List.of(), "en");
		assertThat(SpokenTemplates.spokenQuestion(neutral.withStyle(InterviewerStyle.NEUTRAL)))
			.as("neutral is the style from before styles").isEqualTo(SpokenTemplates.spokenQuestion(neutral));
	}

	@Test
	void aFriendlyFollowUpEncouragesThenAsksAsTheNeutralOneDoes() {
		QuestionContext en = new QuestionContext("What can go wrong with recursion?", "r", List.of(STACK), "en");
		String neutral = SpokenTemplates.followUp(en, verdict(Coverage.MISSED, STACK));
		String friendly = SpokenTemplates.followUp(en.withStyle(InterviewerStyle.FRIENDLY), verdict(Coverage.MISSED, STACK));
		assertThat(friendly).endsWith(neutral).isNotEqualTo(neutral);
		assertThat(friendly.substring(0, friendly.length() - neutral.length())).matches("(Nice effort so far|You're on the right track|Good start)\\. ");

		QuestionContext zh = new QuestionContext("大模型为什么会变强？", "r", List.of(DATA), "zh", InterviewerStyle.FRIENDLY);
		String zhFriendly = SpokenTemplates.followUp(zh, verdict(Coverage.MISSED, DATA));
		assertThat(zhFriendly).matches("^(思路不错|已经讲到点子上了|开了个好头)。.*「数据量的增加」.*？$").doesNotContain("TB");
	}

	@Test
	void aStrictFollowUpPressesOnThePointWithoutPraiseOrItsDetail() {
		KeyPoint covered = KeyPoint.of("Base case");
		QuestionContext en = new QuestionContext("What can go wrong with recursion?", "r", List.of(covered, STACK), "en",
				InterviewerStyle.STRICT);
		Verdict verdict = new Verdict(5, List.of(new KeyPointResult(covered, Coverage.COVERED, "base"),
				new KeyPointResult(STACK, Coverage.MISSED, "")), List.of(), List.of(), P);
		String strict = SpokenTemplates.followUp(en, verdict);
		assertThat(strict).contains("\"Stack exhaustion\"").endsWith("?").doesNotContain("Base case")
			.doesNotContainIgnoringCase("good").doesNotContain("StackOverflowError");
		QuestionContext zh = new QuestionContext("大模型为什么会变强？", "r", List.of(DATA), "zh", InterviewerStyle.STRICT);
		assertThat(SpokenTemplates.followUp(zh, verdict(Coverage.MISSED, DATA))).contains("「数据量的增加」")
			.endsWith("？")
			.doesNotContain("不错")
			.doesNotContain("TB");
	}

	@Test
	void aStrictInterviewerAsksOneMoreFollowUpUnlessFollowUpsAreOff() {
		assertThat(InterviewerStyle.STRICT.followUps(1)).isEqualTo(2);
		assertThat(InterviewerStyle.STRICT.followUps(0)).isZero();
		assertThat(InterviewerStyle.NEUTRAL.followUps(1)).isEqualTo(1);
		assertThat(InterviewerStyle.FRIENDLY.followUps(2)).isEqualTo(2);
		assertThat(InterviewerStyle.of(null)).isEqualTo(InterviewerStyle.NEUTRAL);
		assertThat(InterviewerStyle.of("strict").id()).isEqualTo("strict");
	}

}
