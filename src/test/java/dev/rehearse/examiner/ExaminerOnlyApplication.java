package dev.rehearse.examiner;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The examiner as the application configures it (same {@code application.yml}, same environment
 * variables, same Spring AI auto-configuration), without a web server or a database, for the
 * examiner benchmark's {@code --examiner llm}.
 * <p>
 * Deliberately not a {@code @SpringBootConfiguration} (a source class needs none): as one it was
 * found by component scanning of the whole application in tests, disabling R2DBC repositories
 * for every test context, and by {@code @SpringBootTest}s of this package instead of the
 * application.
 */
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
		"org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
		"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
		"org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration",
		"org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration",
		"org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
		"org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		OpenAiProvider.REPLACED_AUTO_CONFIGURATION })
@Import({ ExaminerConfiguration.class, OfflineExaminerConfiguration.class })
class ExaminerOnlyApplication {

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ExaminerOnlyApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run();
	}

}
