package dev.rehearse.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The examiner and catalog doubles, for tests that import them. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDoubles {

	@Bean
	@Primary
	ScriptedExaminer scriptedExaminer() {
		return new ScriptedExaminer();
	}

	@Bean
	@Primary
	InMemoryQuestionCatalog inMemoryQuestionCatalog() {
		return new InMemoryQuestionCatalog();
	}

}
