package dev.rehearse.examiner;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineExaminerConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(OfflineExaminerConfiguration.class)
		.withPropertyValues("rehearse.examiner.offline.load-at-startup=false");

	@Test
	void offlineExaminerIsTheOnlyExaminerBeanAndIsNamedForTheFallback() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Examiner.class);
			assertThat(context.getBean("offlineExaminer")).isInstanceOf(OfflineExaminer.class);
			assertThat(context.getBean(Examiner.class).info().kind()).isEqualTo("offline");
		});
	}

	@Test
	void settingsBindFromRehearseExaminerOffline() {
		this.contextRunner.withPropertyValues("rehearse.examiner.offline.threads=3",
				"rehearse.examiner.offline.max-answer-chars=500")
			.run((context) -> {
				OfflineExaminerProperties properties = context.getBean(OfflineExaminerProperties.class);
				assertThat(properties.threads()).isEqualTo(3);
				assertThat(properties.maxAnswerChars()).isEqualTo(500);
				assertThat(properties.cacheSize()).isEqualTo(2000);
			});
	}

	@Test
	void nonPositiveThreadCountIsRejectedAtStartUp() {
		this.contextRunner.withPropertyValues("rehearse.examiner.offline.threads=0")
			.run((context) -> assertThat(context).hasFailed());
	}

}
