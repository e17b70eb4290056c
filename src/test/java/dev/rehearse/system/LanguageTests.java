package dev.rehearse.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTests {

	@Test
	void chineseFullOfEnglishProductNamesIsStillChinese() {
		assertThat(Language.detect("用 Spring Boot 和 PostgreSQL 写一个 REST 服务，再用 Docker 部署")).isEqualTo("zh");
		assertThat(Language.isChinese("HashMap 的查找平均是常数时间")).isTrue();
	}

	@Test
	void englishWithAChineseWordIsEnglish() {
		assertThat(Language.detect("A HashMap maps keys to values, like a 字典 in Python, in constant time on average"))
			.isEqualTo("en");
		assertThat(Language.detect("")).isEqualTo("en");
		assertThat(Language.detect("1234 !?")).isEqualTo("en");
	}

	@Test
	void findsAnyHanCharacter() {
		assertThat(Language.hasHan("key: 键")).isTrue();
		assertThat(Language.hasHan("key: value")).isFalse();
		assertThat(Language.hasHan(null)).isFalse();
		assertThat(Language.isHan("键".codePointAt(0))).isTrue();
		assertThat(Language.isHan('k')).isFalse();
	}

}
