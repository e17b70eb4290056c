package dev.rehearse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Chooses the database, one code path for all three cases: a PostgreSQL named by
 * {@code rehearse.database.url} ({@code DB_URL}); Spring Boot's own {@code spring.r2dbc.*} and
 * {@code spring.flyway.*} properties; or, with nothing configured, an embedded PostgreSQL whose
 * data survives restarts. R2DBC and Flyway are always handed the same connection details.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseConfiguration.class);

	@Bean
	@Conditional(UrlConfigured.class)
	PostgresConnectionDetails configuredDatabase(DatabaseProperties properties) {
		PostgresConnectionDetails details = PostgresConnectionDetails.fromUrl(properties.url(), properties.username(),
				properties.password());
		logger.info("Using configured {}", details);
		return details;
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NothingConfigured.class)
	static class Embedded {

		@Bean(destroyMethod = "close")
		EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) {
			return EmbeddedDatabase.start(properties.embedded().dataDirectory(), properties.embedded().port());
		}

		@Bean
		PostgresConnectionDetails embeddedDatabaseConnectionDetails(EmbeddedDatabase database) {
			return database.connectionDetails();
		}

	}

	/** A database URL of Rehearse's own was given ({@code DB_URL}). */
	static class UrlConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean given = StringUtils.hasText(context.getEnvironment().getProperty("rehearse.database.url"));
			return given ? ConditionOutcome.match("rehearse.database.url is set")
					: ConditionOutcome.noMatch("rehearse.database.url is empty");
		}

	}

	/** Neither Rehearse's nor Spring Boot's database URL was given, and the embedded one is allowed. */
	static class NothingConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			if (!environment.getProperty("rehearse.database.embedded.enabled", Boolean.class, true)) {
				return ConditionOutcome.noMatch("the embedded database is disabled");
			}
			if (StringUtils.hasText(environment.getProperty("rehearse.database.url"))
					|| StringUtils.hasText(environment.getProperty("spring.r2dbc.url"))) {
				return ConditionOutcome.noMatch("a database URL is configured");
			}
			return ConditionOutcome.match("no database configured");
		}

	}

}
