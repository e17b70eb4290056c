package dev.rehearse.account;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordRulesTests {

	final ResourceBundleMessageSource messages = messages();

	final PasswordRules rules = new PasswordRules(this.messages, new AccountProperties(List.of(), null, null, null, null,
			new AccountProperties.Password(3), null));

	static ResourceBundleMessageSource messages() {
		// as Spring Boot configures it from application.yml
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	/** The problems as the answer shows them, in that language. */
	List<String> problems(PasswordRules rules, String username, String password, Locale locale) {
		return rules.problems(username, password, locale)
			.stream()
			.map((problem) -> this.messages.getMessage(problem.code(), problem.arguments(), locale))
			.toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { "football", "sunshine", "password123", "12341234", "trustno1", "admin1234", "password",
			"88888888", "abc12345", "qwertyuiop", "iloveyou", "Passw0rd!" })
	void commonPasswordsAreRefusedWithZxcvbnsReasonInEnglishAndChinese(String password) {
		List<String> english = problems(this.rules, "ann_lee", password, Locale.ENGLISH);
		assertThat(english).singleElement().asString().startsWith("is too easy to guess: ");
		List<String> chinese = problems(this.rules, "ann_lee", password, Locale.CHINESE);
		assertThat(chinese).singleElement().asString().startsWith("太容易被猜到：");
		// the reason itself is translated, not just the frame around it
		assertThat(chinese.get(0)).doesNotContainPattern("(?i)guess|common|word|avoid|add");
	}

	@Test
	void aTopPasswordSaysSo() {
		assertThat(problems(this.rules, "ann_lee", "football", Locale.ENGLISH)).singleElement()
			.asString()
			.contains("This is a top-100 common password.");
		assertThat(problems(this.rules, "ann_lee", "football", Locale.CHINESE)).singleElement()
			.asString()
			.contains("这是最常见的 100 个密码之一。");
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct-horse-battery", "kitten-violin-42", "a-long-enough-password", "春眠不觉晓处处闻啼鸟" })
	void passphrasesPass(String password) {
		assertThat(problems(this.rules, "ann_lee", password, Locale.ENGLISH)).isEmpty();
	}

	@Test
	void todaysRulesStillHold() {
		assertThat(problems(this.rules, "ann_lee", "", Locale.ENGLISH)).containsExactly("must not be empty");
		assertThat(problems(this.rules, "ann_lee", "x7#Qp2", Locale.ENGLISH)).containsExactly("must be at least 8 characters");
		assertThat(problems(this.rules, "ann_lee", "题".repeat(25), Locale.ENGLISH)).containsExactly("must be at most 72 bytes");
		assertThat(problems(this.rules, "ann_lee", "my-ann_lee-violin", Locale.CHINESE)).containsExactly("不能包含用户名");
	}

	@Test
	void theMinimumScoreIsConfigurable() {
		PasswordRules lenient = new PasswordRules(messages(), new AccountProperties(List.of(), null, null, null, null,
				new AccountProperties.Password(1), null));
		// zxcvbn scores admin1234 1: refused at 3, accepted at 1
		assertThat(problems(lenient, "ann_lee", "admin1234", Locale.ENGLISH)).isEmpty();
	}

}
