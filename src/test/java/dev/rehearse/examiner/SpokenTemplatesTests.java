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

	@Test
	void followUpProbesTheFirstMissedPointByItsOpeningWords() {
		QuestionContext zh = new QuestionContext("HashMap 的底层？", "r", KeyPoints.list("数组加链表", "链表过长时转为红黑树，阈值是 8"), "zh");
		Verdict verdict = new Verdict(5, List.of(new KeyPointResult(KeyPoint.of("数组加链表"), Coverage.COVERED, "数组"),
				new KeyPointResult(KeyPoint.of("链表过长时转为红黑树，阈值是 8"), Coverage.MISSED, "")), List.of(), List.of(), P);
		assertThat(SpokenTemplates.followUp(zh, verdict)).contains("链表过长时转为红黑树").doesNotContain("阈值").endsWith("？");
	}

	@Test
	void followUpFallsBackToPartlyThenToAnOpenQuestion() {
		QuestionContext en = new QuestionContext("Why index?", "r", KeyPoints.list("faster lookups, usually with a B-tree"),
				"en");
		Verdict partly = new Verdict(6, List.of(new KeyPointResult(KeyPoint.of("faster lookups, usually with a B-tree"),
				Coverage.PARTLY, "lookups")), List.of(), List.of(), P);
		assertThat(SpokenTemplates.followUp(en, partly)).contains("\"faster lookups\"").endsWith("?");
		Verdict complete = new Verdict(10, List.of(new KeyPointResult(KeyPoint.of("faster lookups, usually with a B-tree"),
				Coverage.COVERED, "lookups")), List.of(), List.of(), P);
		assertThat(SpokenTemplates.followUp(en, complete)).isEqualTo("That covered it well. Is there anything you would add?");
	}

	@Test
	void headCutsLongPointsShort() {
		assertThat(SpokenTemplates.head("one two three four five six seven eight nine ten", false))
			.isEqualTo("one two three four five six seven eight…");
		assertThat(SpokenTemplates.head("一二三四五六七八九十一二三四五六七八九十一二三", true)).hasSize(21).endsWith("…");
	}

}
