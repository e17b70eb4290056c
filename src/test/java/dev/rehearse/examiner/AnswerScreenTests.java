package dev.rehearse.examiner;

import java.util.List;
import java.util.Optional;

import dev.rehearse.questionbank.KeyPoints;

import org.junit.jupiter.api.Test;

import dev.rehearse.examiner.AnswerScreen.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerScreenTests {

	private static final QuestionContext ZH = new QuestionContext("HashMap 的底层数据结构是什么？",
			"数组加链表，链表过长时转为红黑树。通过 key 的 hash 定位桶。", KeyPoints.list("数组加链表", "链表过长转红黑树", "hash 定位桶"), "zh");

	private static final QuestionContext EN = new QuestionContext("What is a database index and why use one?",
			"An index is a data structure, usually a B-tree, that speeds up lookups at the cost of slower writes.",
			KeyPoints.list("a data structure such as a B-tree", "faster lookups", "slower writes and extra storage"), "en");

	@Test
	void emptyAnswers() {
		for (String answer : new String[] { null, "", "   ", "\n\t", "。。。", "..." }) {
			assertThat(AnswerScreen.screen(ZH, answer)).as("[%s]", answer).contains(Reason.EMPTY);
		}
	}

	@Test
	void saysItDoesNotKnow() {
		for (String answer : List.of("不知道", "嗯……我不太清楚", "抱歉，这题我真的不会", "不知道。", "忘了", "跳过吧", "我不了解这个")) {
			assertThat(AnswerScreen.screen(ZH, answer)).as(answer).contains(Reason.DONT_KNOW);
		}
		for (String answer : List.of("I don't know", "I don’t know.", "um, sorry, I honestly don't know", "No idea",
				"not sure", "IDK", "I have no idea about this", "pass")) {
			assertThat(AnswerScreen.screen(EN, answer)).as(answer).contains(Reason.DONT_KNOW);
		}
	}

	@Test
	void answersThatMentionNotKnowingButSaySomethingReachTheExaminer() {
		assertThat(AnswerScreen.screen(ZH, "不太清楚，大概是数组加链表吧")).isEmpty();
		assertThat(AnswerScreen.screen(EN, "I don't know exactly, but an index makes lookups faster")).isEmpty();
	}

	@Test
	void answersSharingNothingWithTheQuestionAreOffTopic() {
		assertThat(AnswerScreen.screen(ZH, "今天天气很好，我们去公园散步吧，顺便买点水果回家。")).contains(Reason.OFF_TOPIC);
		assertThat(AnswerScreen.screen(EN, "My favourite football team won the championship yesterday evening."))
			.contains(Reason.OFF_TOPIC);
	}

	@Test
	void relevantAnswersInOtherWordsAndShortAnswersReachTheExaminer() {
		assertThat(AnswerScreen.screen(ZH, "底层是一个桶数组，冲突时挂链表")).isEmpty();
		assertThat(AnswerScreen.screen(EN, "Indexes speed up reads but cost on writes.")).isEmpty();
		assertThat(AnswerScreen.screen(EN, "B-trees.")).isEmpty(); // too few terms to call it off-topic
		assertThat(AnswerScreen.screen(ZH, "红黑树")).isEmpty();
	}

	@Test
	void termsAreHanBigramsAndStemmedWords() {
		assertThat(AnswerScreen.terms("红黑树 Indexes speeding the")).contains("红黑", "黑树", "index", "speed")
			.doesNotContain("the");
		assertThat(Optional.of(AnswerScreen.normalize("ＡＢＣ，Don’t"))).contains("abc don t");
	}

}
