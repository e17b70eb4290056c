package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArticleBankParserTests {

	static final Path SEED = Path.of("seeds/000_ea10622d267c88e5.txt");

	static ParsedBank seed;

	@BeforeAll
	static void parseTheRealSeedFile() throws IOException {
		seed = ArticleBankParser.parse("seed", Files.readString(SEED, StandardCharsets.UTF_8));
	}

	@Test
	void numberedSectionHeadingsBecomeTheFourCategories() {
		assertThat(seed.categories()).containsExactly("AI 大模型基础面", "AI 大模型进阶面", "AI 大模型LangChain开发框架面",
				"AI 大模型向量数据库面");
	}

	@Test
	void questionAnswerPairsBecomeSixQuestionsInTheirCategories() {
		assertThat(seed.questions()).extracting(ParsedQuestion::identity)
			.containsExactly("Q1", "Q2", "Q3", "Q4", "Q5", "Q6");
		assertThat(seed.questions()).extracting(ParsedQuestion::category)
			.containsExactly("AI 大模型基础面", "AI 大模型基础面", "AI 大模型进阶面", "AI 大模型进阶面", "AI 大模型LangChain开发框架面",
					"AI 大模型向量数据库面");
		assertThat(seed.questions().get(0).text()).isEqualTo("目前主流的大模型体系有哪些?");
		assertThat(seed.questions().get(2).text()).isEqualTo("大模型如何选型?如何基于场景选用 ChatGLM、LlaMa、Bert 类大模型?");
	}

	@Test
	void eachQuestionRecordsTheLineItStartsOn() {
		assertThat(seed.questions()).extracting(ParsedQuestion::line).containsExactly(9, 25, 41, 61, 77, 124);
	}

	@Test
	void bulletsOfTheFirstAnswerAreItsKeyPointsNamingEachModelFamily() {
		List<KeyPoint> keyPoints = seed.questions().get(0).keyPoints();
		assertThat(keyPoints).extracting(KeyPoint::title).containsExactly("GPT系列", "BERT", "XLNet", "RoBERTa", "T5");
		assertThat(keyPoints.get(0).detail()).startsWith("GPT(Generative Pre-trained Transformer)系列:由OpenAI发布");
		assertThat(keyPoints.get(2).detail()).startsWith("由 CMU 和 Google Brain 发布");
	}

	@Test
	void everySeedQuestionHasShortTitlesSplitAtTheBulletsColon() {
		assertThat(seed.questions().get(1).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("数据量的增加", "计算能力的提升", "模型架构的改进", "预训练和微调的方法");
		assertThat(seed.questions().get(2).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("ChatGLM 大模型", "LlaMA 大模型", "Bert 大模型", "数据可用性", "计算资源", "预训练和微调");
		assertThat(seed.questions().get(3).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("领域特定知识", "语言风格和惯用语", "领域需求的差异", "数据稀缺性");
		assertThat(seed.questions().get(3).keyPoints().get(3).detail()).startsWith("某些领域的数据可能相对较少");
		for (ParsedQuestion question : seed.questions()) {
			assertThat(question.keyPoints()).allSatisfy((point) -> {
				assertThat(KeyPoints.isShort(point.title())).as(point.title()).isTrue();
				assertThat(point.title()).doesNotEndWith("…").doesNotContain("**", "`");
			});
		}
	}

	@Test
	void referenceAnswerKeepsItsProseAroundTheBulletsWithoutTheAnswerLabel() {
		String answer = seed.questions().get(0).referenceAnswer();
		assertThat(answer).startsWith("目前主流的开源大模型体系包括以下几个:")
			.contains("• XLNet:由 CMU 和 Google Brain 发布")
			.endsWith("这些大模型在自然语言处理领域取得了显著的成果,并被广泛应用于各种任务和应用中。");
	}

	@Test
	void codeInsideAnAnswerStaysInTheReferenceAnswerFencedAndIsNoKeyPoint() {
		ParsedQuestion q5 = seed.questions().get(4);
		assertThat(q5.referenceAnswer()).contains("```\nfrom langchain.chat_models import ChatOpenAI")
			.contains("def get_word_length(word: str) -> int:\n    \"\"\"返回单词的长度。\"\"\"\n    return len(word)")
			.contains("print(output.return_values[\"output\"])\n```")
			.endsWith("您可以参考 LangChain 文档以获取更多详细信息和示例。");
		assertThat(q5.keyPoints()).isNotEmpty()
			.allSatisfy((point) -> assertThat(point.text()).doesNotContain("import", "def ", "llm =", "print("))
			.anySatisfy((point) -> assertThat(point.title()).isEqualTo("LangChain Agent 是 LangChain 框架中的一个组件"));
	}

	@Test
	void lastAnswerHasExactlyItsFiveBulletsAndNoneOfThePromotionalTail() {
		ParsedQuestion q6 = seed.questions().get(5);
		assertThat(q6.keyPoints()).hasSize(5);
		assertThat(q6.keyPoints()).extracting(KeyPoint::title)
			.containsExactly("数据准备", "模型架构", "微调和优化", "评估和反馈", "多模态信息利用");
		assertThat(q6.referenceAnswer()).endsWith("从而生成更高质量的 Response。")
			.doesNotContain("读者福利", "👉", "👈", "Logo", "在这里插入图片描述", "DeepSeek 技术社区", "免费领取", "学会后的收获");
	}

	@Test
	void noAnswerCarriesPromotionalText() {
		assertThat(seed.questions()).allSatisfy((question) -> assertThat(question.referenceAnswer())
			.doesNotContain("读者福利", "资料包", "在这里插入图片描述", "Logo"));
	}

	@Test
	void titleComesFromTheIntroductionAndLanguageFromTheContent() {
		assertThat(seed.title()).isEqualTo("AI 大模型开发技术的面试之道");
		assertThat(seed.language()).isEqualTo("zh");
		assertThat(seed.description()).startsWith("AI 大模型技术经过2023年的狂飙").doesNotContain("前排提示", "资料包");
	}

	@Test
	void articleWithATitleLineUsesIt() {
		ParsedBank bank = ArticleBankParser.parse("x", """
				Java 面试题精选

				1、基础

				Q1：什么是 JVM？

				A1：JVM 是 Java 虚拟机。它执行字节码。
				""");
		assertThat(bank.title()).isEqualTo("Java 面试题精选");
		assertThat(bank.questions().get(0).text()).isEqualTo("什么是 JVM？");
		assertThat(bank.questions().get(0).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("JVM 是 Java 虚拟机", "它执行字节码");
	}

	@Test
	void articleWithoutTitleOrIntroductionFallsBackToTheBankId() {
		ParsedBank bank = ArticleBankParser.parse("my-bank", "1. Basics\n\nQ1: What is a JVM?\nA1: A virtual machine that runs bytecode.\n");
		assertThat(bank.title()).isEqualTo("my-bank");
		assertThat(bank.language()).isEqualTo("en");
	}

	@Test
	void numberedListInsideAnAnswerIsNotACategory() {
		ParsedBank bank = ArticleBankParser.parse("x", """
				1、基础

				Q1:有哪些原因?

				A1:原因如下:
				1、数据量的增加
				2、计算能力的提升

				Q2:下一个问题?

				A2:回答。
				""");
		assertThat(bank.categories()).containsExactly("基础");
		assertThat(bank.questions().get(0).referenceAnswer()).contains("1、数据量的增加\n2、计算能力的提升");
	}

	@Test
	void questionWithoutAnswerIsReportedAtItsLine() {
		assertThatExceptionOfType(BankFormatException.class)
			.isThrownBy(() -> ArticleBankParser.parse("x", "1、基础\n\nQ1:问题一?\n\nA1:回答。\n\nQ2:问题二?\n\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(7))
			.withMessageContaining("Q2 has no answer");
	}

	@Test
	void mismatchedAnswerNumberIsReportedAtTheAnswerLine() {
		assertThatExceptionOfType(BankFormatException.class)
			.isThrownBy(() -> ArticleBankParser.parse("x", "1、基础\nQ1:问题一?\nA2:回答。\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining("A2 follows Q1");
	}

	@Test
	void questionBeforeAnyCategoryIsReportedAtItsLine() {
		assertThatExceptionOfType(BankFormatException.class)
			.isThrownBy(() -> ArticleBankParser.parse("x", "intro\n\nQ1:问题?\nA1:回答。\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void duplicateQuestionNumberIsReportedAtTheSecondOne() {
		assertThatExceptionOfType(BankFormatException.class)
			.isThrownBy(() -> ArticleBankParser.parse("x", "1、基础\nQ1:问题?\nA1:回答。\nQ1:又一个?\nA1:回答。\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(4))
			.withMessageContaining("Q1 appears twice");
	}

	@Test
	void textWithoutQuestionsIsRejected() {
		assertThatExceptionOfType(BankFormatException.class)
			.isThrownBy(() -> ArticleBankParser.parse("x", "just an essay\nwith no questions\n"))
			.withMessageContaining("no questions found");
	}

}
