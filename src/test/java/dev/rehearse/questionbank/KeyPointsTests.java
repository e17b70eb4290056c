package dev.rehearse.questionbank;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyPointsTests {

	@Test
	void bulletLinesAreTheKeyPointsWhenThereAreAny() {
		assertThat(KeyPoints.fromAnswer("Intro sentence here.\n  • first point\n- second point\nOutro sentence."))
			.containsExactly("first point", "second point");
	}

	@Test
	void sentencesAreTheKeyPointsWithoutBullets() {
		assertThat(KeyPoints.fromAnswer("JVM 是 Java 虚拟机。它执行字节码！ It manages memory. Ok."))
			.containsExactly("JVM 是 Java 虚拟机。", "它执行字节码！", "It manages memory.");
	}

	@Test
	void fencedCodeIsNeverAKeyPoint() {
		String answer = "Use a fixed pool.\n\n```\n- not a bullet\nvar pool = Executors.newFixedThreadPool(4);\n```\n\nShut it down.";
		assertThat(KeyPoints.fromAnswer(answer)).containsExactly("Use a fixed pool.", "Shut it down.");
	}

	@Test
	void sentenceThatOnlyIntroducesWhatFollowsIsNoKeyPoint() {
		assertThat(KeyPoints.fromAnswer("以下是示例代码:\n代理根据对话状态决定下一步。"))
			.containsExactly("代理根据对话状态决定下一步。");
	}

	@Test
	void blankAnswerHasNoKeyPoints() {
		assertThat(KeyPoints.fromAnswer(null)).isEmpty();
		assertThat(KeyPoints.fromAnswer("  \n")).isEmpty();
	}

}
