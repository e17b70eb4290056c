package dev.rehearse.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The examiner double, for tests that import it. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDoubles {

	@Bean
	@Primary
	ScriptedExaminer scriptedExaminer() {
		return new ScriptedExaminer();
	}

}
