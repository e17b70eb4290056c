package dev.rehearse.questionbank;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyPointsTests {

	@Test
	void bulletLinesAreTheKeyPointsWhenThereAreAny() {
		assertThat(KeyPoints.fromAnswer("Intro sentence here.\n  • first point\n- second point\nOutro sentence."))
			.containsExactly(new KeyPoint("first point", ""), new KeyPoint("second point", ""));
	}

	@Test
	void sentencesAreTheKeyPointsWithoutBullets() {
		assertThat(KeyPoints.fromAnswer("JVM 是 Java 虚拟机。它执行字节码！ It manages memory. Ok."))
			.extracting(KeyPoint::title)
			.containsExactly("JVM 是 Java 虚拟机", "它执行字节码", "It manages memory");
	}

	@Test
	void fencedCodeIsNeverAKeyPoint() {
		String answer = "Use a fixed pool.\n\n```\n- not a bullet\nvar pool = Executors.newFixedThreadPool(4);\n```\n\nShut it down.";
		assertThat(KeyPoints.fromAnswer(answer)).extracting(KeyPoint::title).containsExactly("Use a fixed pool", "Shut it down");
	}

	@Test
	void sentenceThatOnlyIntroducesWhatFollowsIsNoKeyPoint() {
		assertThat(KeyPoints.fromAnswer("以下是示例代码:\n代理根据对话状态决定下一步。")).extracting(KeyPoint::title)
			.containsExactly("代理根据对话状态决定下一步");
	}

	@Test
	void blankAnswerHasNoKeyPoints() {
		assertThat(KeyPoints.fromAnswer(null)).isEmpty();
		assertThat(KeyPoints.fromAnswer("  \n")).isEmpty();
	}

	@Test
	void shortLeadBeforeTheFirstColonIsTheTitleAndTheRestTheDetail() {
		assertThat(KeyPoints.of("领域特定知识:不同领域拥有各自特定的知识和术语,需要针对该领域进行训练。"))
			.isEqualTo(new KeyPoint("领域特定知识", "不同领域拥有各自特定的知识和术语,需要针对该领域进行训练。"));
		assertThat(KeyPoints.of("数据稀缺性：某些领域的数据可能相对较少。"))
			.isEqualTo(new KeyPoint("数据稀缺性", "某些领域的数据可能相对较少。"));
		assertThat(KeyPoints.of("Volatile: visibility, not atomicity")).isEqualTo(new KeyPoint("Volatile", "visibility, not atomicity"));
	}

	@Test
	void parenthesisedExpansionsLeaveTheTitleButStayInTheDetail() {
		KeyPoint t5 = KeyPoints.of("T5(Text-to-Text Transfer Transformer):由 Google 发布的一种多任务预训练语言模型。");
		assertThat(t5.title()).isEqualTo("T5");
		assertThat(t5.detail()).isEqualTo("T5(Text-to-Text Transfer Transformer):由 Google 发布的一种多任务预训练语言模型。");
		assertThat(KeyPoints.of("GPT（Generative Pre-trained Transformer）系列：由 OpenAI 发布").title()).isEqualTo("GPT系列");
	}

	@Test
	void markdownBoldLeadIsTheTitle() {
		assertThat(KeyPoints.of("**Happens-before**: a volatile write is visible to every later read"))
			.isEqualTo(new KeyPoint("Happens-before", "a volatile write is visible to every later read"));
		assertThat(KeyPoints.of("**可见性**：写入对之后的读取可见")).isEqualTo(new KeyPoint("可见性", "写入对之后的读取可见"));
	}

	@Test
	void aShortPointIsItsOwnTitle() {
		assertThat(KeyPoints.of("Unreachable cycles are collected too")).isEqualTo(new KeyPoint("Unreachable cycles are collected too", ""));
		assertThat(KeyPoints.of("数组加链表")).isEqualTo(new KeyPoint("数组加链表", ""));
	}

	@Test
	void aShortPointOfSeveralClausesIsTitledByItsFirst() {
		assertThat(KeyPoints.of("链表过长时转为红黑树，阈值是 8"))
			.isEqualTo(new KeyPoint("链表过长时转为红黑树", "链表过长时转为红黑树，阈值是 8"));
	}

	@Test
	void aLongPointWithoutAColonIsTitledByItsFirstClauseAndKeepsItsWholeTextAsDetail() {
		String text = "Reachability from GC roots decides liveness, not reference counting";
		assertThat(KeyPoints.of(text)).isEqualTo(new KeyPoint("Reachability from GC roots decides liveness", text));
	}

	@Test
	void aLongFirstClauseIsCutAtAWordBoundaryWithoutDanglingWords() {
		String text = "Generational collection means that young objects are collected often while survivors are promoted";
		KeyPoint point = KeyPoints.of(text);
		assertThat(point.title()).isEqualTo("Generational collection means that young objects");
		assertThat(text).startsWith(point.title());
		assertThat(point.detail()).isEqualTo(text);
	}

	@Test
	void aLongChinesePointIsCutAtACharacterBoundaryAndNeverInsideALatinWord() {
		String text = "随着互联网的发展和数字化信息的爆炸增长可用于训练模型的数据量大大增加并且更多的数据可以提供更丰富的语言知识";
		KeyPoint point = KeyPoints.of(text);
		assertThat(point.title()).hasSizeLessThanOrEqualTo(16);
		assertThat(text).startsWith(point.title());
		KeyPoint mixed = KeyPoints.of("使用 RecursiveCharacterTextSplitter 和 SemanticChunker 把很长很长的文档切分成大小合适而且语义完整的片段再做向量化");
		assertThat(mixed.title()).doesNotEndWith("Recursive").matches(".*(?:Splitter|Chunker|[\\p{IsHan}])$");
	}

	@Test
	void aColonInAUrlIsNoTitleSeparator() {
		String text = "See https://example.org/docs for the full list of options and their defaults here";
		assertThat(KeyPoints.of(text).title()).isNotEqualTo("See https").startsWith("See https://example.org/docs");
		assertThat(KeyPoints.of(text).detail()).isEqualTo(text);
	}

	@Test
	void shortenCutsLabelsAtABoundaryWithAnEllipsis() {
		assertThat(KeyPoints.shorten("LangChain Agent 是 LangChain 框架中的一个组件", 6)).isEqualTo("LangChain Agent 是 LangChain 框架…");
		assertThat(KeyPoints.shorten("BERT", 6)).isEqualTo("BERT");
	}

	@Test
	void storedPlainStringsReadAsTitledKeyPoints() {
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		KeyPoint[] points = json.readValue("[\"数据准备:准备大量高质量的训练数据\", {\"title\":\"BERT\",\"detail\":\"双向\"}]",
				KeyPoint[].class);
		assertThat(points).containsExactly(new KeyPoint("数据准备", "准备大量高质量的训练数据"), new KeyPoint("BERT", "双向"));
		assertThat(json.writeValueAsString(points[1])).isEqualTo("{\"title\":\"BERT\",\"detail\":\"双向\"}");
	}

	@Test
	void aKeyPointNeedsATitle() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyPoint(" ", "x"));
	}

}
