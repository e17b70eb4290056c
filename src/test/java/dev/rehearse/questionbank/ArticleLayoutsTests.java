package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;
import dev.rehearse.questionbank.ParsedBank.Warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The article layouts people publish, read through {@link ArticleBankFormat} as an uploaded
 * {@code .txt} is: a republished copy of the seed, numbered questions with {@code 答:} answers, and
 * follow-up chains. Fixtures in {@code src/test/resources/articles} (see its README).
 */
class ArticleLayoutsTests {

	private final ArticleBankFormat format = new ArticleBankFormat();

	@Test
	void aRepublishedCopyOfTheSeedGivesTheSameBank() throws IOException {
		ParsedBank seed = this.format.parse("seed", Files.readString(ArticleBankParserTests.SEED, StandardCharsets.UTF_8));
		ParsedBank copy = this.format.parse("seed", fixture("seed-republished.txt"));
		assertThat(copy.title()).isEqualTo(seed.title());
		assertThat(copy.categories()).isEqualTo(seed.categories());
		assertThat(copy.questions()).hasSize(6);
		for (int i = 0; i < seed.questions().size(); i++) {
			ParsedQuestion original = seed.questions().get(i);
			ParsedQuestion republished = copy.questions().get(i);
			assertThat(republished.identity()).isEqualTo(original.identity());
			assertThat(republished.category()).isEqualTo(original.category());
			assertThat(republished.text()).isEqualTo(original.text());
			assertThat(republished.referenceAnswer()).isEqualTo(original.referenceAnswer());
			assertThat(republished.keyPoints()).isEqualTo(original.keyPoints());
		}
	}

	@Test
	void numberedQuestionsUnderChineseNumeralSectionsWithEachAnswerMarker() throws IOException {
		ParsedBank bank = this.format.parse("java", fixture("numbered-java-backend.txt"));
		assertThat(bank.title()).isEqualTo("Java 后端高频面试题整理（附答案要点）");
		assertThat(bank.language()).isEqualTo("zh");
		assertThat(bank.categories()).containsExactly("Java 基础", "并发编程", "MySQL");
		assertThat(bank.questions()).extracting(ParsedQuestion::text)
			.containsExactly("HashMap 的底层结构是什么？JDK 8 做了哪些改动？", "== 和 equals 有什么区别？",
					"synchronized 和 ReentrantLock 有什么区别？", "线程池的核心参数有哪些？任务提交后是怎么执行的？",
					"为什么 InnoDB 的索引用 B+ 树而不是 B 树或哈希？");
		assertThat(bank.questions()).extracting(ParsedQuestion::category)
			.containsExactly("Java 基础", "Java 基础", "并发编程", "并发编程", "MySQL");
		assertThat(bank.questions()).extracting(ParsedQuestion::line).containsExactly(7, 13, 21, 27, 35);
		// '-' bullets, '•' bullets, and an 答案要点: list all become titled key points
		assertThat(bank.questions().get(0).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("数组加链表", "红黑树", "尾插法");
		assertThat(bank.questions().get(2).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("实现层面", "功能", "释放方式");
		assertThat(bank.questions().get(0).referenceAnswer()).startsWith("HashMap 底层是数组加链表")
			.doesNotContain("答：");
		assertThat(bank.description()).startsWith("最近帮组里几位同学准备秋招");
		assertThat(bank.warnings()).isEmpty();
	}

	@Test
	void followUpChainsBecomeTheQuestionsOwnFollowUpsWithReferenceAnswers() throws IOException {
		ParsedBank bank = this.format.parse("redis", fixture("follow-up-chains.txt"));
		assertThat(bank.categories()).containsExactly("缓存", "分布式锁");
		assertThat(bank.questions()).hasSize(3);
		ParsedQuestion fast = bank.questions().get(0);
		// the chain is no part of the main answer
		assertThat(fast.referenceAnswer()).doesNotContain("追问", "6.0");
		assertThat(fast.keyPoints()).extracting(KeyPoint::title)
			.containsExactly("基于内存", "单线程模型", "IO 多路复用", "高效的数据结构");
		assertThat(fast.followUps()).extracting(Question.FollowUp::text)
			.containsExactly("Redis 6.0 之后引入了多线程，那还算单线程吗？", "既然是单线程，一个慢命令会有什么影响？");
		assertThat(fast.followUps().get(0).keyPoints()).extracting(KeyPoint::title)
			.containsExactly("命令执行仍然是单线程", "目的是提升网络吞吐");
		assertThat(fast.followUps().get(1).referenceAnswer()).startsWith("会阻塞后面所有的命令。");
		// a single 追问：line carries its question
		assertThat(bank.questions().get(1).followUps()).singleElement()
			.satisfies((followUp) -> assertThat(followUp.text()).isEqualTo("布隆过滤器有什么缺点？"));
		// 【追问】: the answered one is kept, the last has no answer: left out with a warning at its line
		assertThat(bank.questions().get(2).followUps()).extracting(Question.FollowUp::text)
			.containsExactly("锁过期了但业务还没执行完怎么办？");
		assertThat(bank.warnings()).extracting(Warning::line).containsExactly(48);
		assertThat(bank.warnings().get(0).message()).contains("主从切换时锁会丢吗");
	}

	@Test
	void everyProblemOfANumberedArticleIsReportedWithItsLine() throws IOException {
		assertThatExceptionOfType(BankFormatException.class)
			.isThrownBy(() -> this.format.parse("jvm", fixture("broken-numbered.txt")))
			.satisfies((ex) -> {
				assertThat(ex.problems()).extracting(Warning::line).containsExactly(10, 13, 15);
				assertThat(ex.problems().get(0).message()).contains("no numbered question");
				assertThat(ex.problems().get(1).message()).contains("is empty");
				assertThat(ex.problems().get(2).message()).contains("same question as on line 5");
			});
	}

	@Test
	void aFollowUpChainUnderAQaAnswerIsReadToo() {
		String article = """
				1、基础

				Q1：什么是 MVCC？

				A1：多版本并发控制。
				• 版本链：每行记录有隐藏的事务 id 和回滚指针
				• ReadView：决定当前事务能看到哪个版本

				追问：RR 级别下还会出现幻读吗？
				答：快照读不会，当前读靠间隙锁避免。
				""";
		ParsedBank bank = this.format.parse("mvcc", article);
		ParsedQuestion question = bank.questions().get(0);
		assertThat(question.keyPoints()).extracting(KeyPoint::title).containsExactly("版本链", "ReadView");
		assertThat(question.followUps()).singleElement().satisfies((followUp) -> {
			assertThat(followUp.text()).isEqualTo("RR 级别下还会出现幻读吗？");
			assertThat(followUp.referenceAnswer()).isEqualTo("快照读不会，当前读靠间隙锁避免。");
		});
	}

	@Test
	void pastedTextIsRecognisedByItsLayout() throws IOException {
		MarkdownBankFormat markdown = new MarkdownBankFormat();
		String md = Files.readString(Path.of("seeds/java-backend-basics.md"), StandardCharsets.UTF_8);
		assertThat(markdown.recognises(md)).isTrue();
		assertThat(markdown.recognises(fixture("numbered-java-backend.txt"))).isFalse();
		assertThat(this.format.recognises(fixture("numbered-java-backend.txt"))).isTrue();
		assertThat(this.format.recognises(fixture("seed-republished.txt"))).isTrue();
		assertThat(this.format.recognises("just some notes\nwithout questions")).isFalse();
	}

	static String fixture(String name) throws IOException {
		return Files.readString(Path.of("src/test/resources/articles", name), StandardCharsets.UTF_8);
	}

	static List<String> lines(String text) {
		return text.lines().toList();
	}

}
