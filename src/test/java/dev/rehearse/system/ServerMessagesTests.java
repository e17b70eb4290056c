package dev.rehearse.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's messages: the same keys in both languages, English plurals, the language choice. */
class ServerMessagesTests {

	private final ResourceBundleMessageSource messages = messageSource();

	@Test
	void everyMessageExistsInBothLanguages() throws IOException {
		Properties english = load("messages.properties");
		Properties chinese = load("messages_zh.properties");
		assertThat(english).isNotEmpty();
		assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
	}

	@Test
	void englishCountsAreSingularForOneAndPluralOtherwise() {
		assertThat(english("interview.rate-limited", 1, 1)).startsWith("At most 1 answer can be graded")
			.contains("Try again in 1 second;");
		assertThat(english("interview.rate-limited", 10, 42)).startsWith("At most 10 answers can be graded")
			.contains("Try again in 42 seconds;");
		assertThat(english("interview.answer.too-long", 4001, 4000))
			.isEqualTo("The answer is 4001 characters long; the limit is 4000 characters.");
		assertThat(english("interview.too-many-questions", 1)).isEqualTo("at most 1 question");
		assertThat(english("validation.password.too-short", 8)).isEqualTo("must be at least 8 characters");
	}

	@Test
	void apostrophesSurviveWithAndWithoutArguments() {
		assertThat(english("registration.taken", "ada")).isEqualTo("The username 'ada' is taken.");
		assertThat(this.messages.getMessage("validation.username.format", new Object[0], Locale.ENGLISH))
			.contains("'_', '.' or '-'");
	}

	@Test
	void chineseIsChosenOnlyWhenTheClientPrefersIt() {
		assertThat(UserLanguage.of("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Locale.CHINESE);
		assertThat(UserLanguage.of("zh-Hant-TW")).isEqualTo(Locale.CHINESE);
		assertThat(UserLanguage.of("fr-FR, zh;q=0.5")).isEqualTo(Locale.CHINESE);
		assertThat(UserLanguage.of("en-GB,zh;q=0.5")).isEqualTo(Locale.ENGLISH);
		assertThat(UserLanguage.of("de")).isEqualTo(Locale.ENGLISH);
		assertThat(UserLanguage.of(null)).isEqualTo(Locale.ENGLISH);
		assertThat(UserLanguage.of(";;q=x")).isEqualTo(Locale.ENGLISH);
		assertThat(this.messages.getMessage("interview.not-found", null, Locale.CHINESE)).isEqualTo("没有这场面试。");
		assertThat(this.messages.getMessage("interview.not-found", null, Locale.ENGLISH)).isEqualTo("No such interview.");
	}

	private String english(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, Locale.ENGLISH);
	}

	private static ResourceBundleMessageSource messageSource() {
		// as Spring Boot configures it (spring.messages.*)
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = ServerMessagesTests.class.getClassLoader().getResourceAsStream(name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
