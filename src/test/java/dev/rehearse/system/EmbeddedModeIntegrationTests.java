package dev.rehearse.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rehearse.RehearseApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With nothing configured the whole application runs on the embedded PostgreSQL and finds its
 * data again after a restart, as {@code ./mvnw spring-boot:run} does on a fresh machine.
 */
class EmbeddedModeIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void applicationKeepsItsDataAcrossRestarts() {
		Path data = this.directory.resolve("postgres");
		try (ConfigurableApplicationContext first = start(data)) {
			assertThat(first.getBean(EmbeddedDatabase.class).dataDirectory()).isEqualTo(data.toAbsolutePath());
			first.getBean(DatabaseClient.class).sql("create table restart_marker (value text)").then().block();
			first.getBean(DatabaseClient.class).sql("insert into restart_marker values ('kept')").then().block();
		}
		try (ConfigurableApplicationContext second = start(data)) {
			String value = second.getBean(DatabaseClient.class)
				.sql("select value from restart_marker")
				.map((row) -> row.get(0, String.class))
				.one()
				.block();
			assertThat(value).isEqualTo("kept");
			Integer migrations = second.getBean(DatabaseClient.class)
				.sql("select count(*)::int from flyway_schema_history where success")
				.map((row) -> row.get(0, Integer.class))
				.one()
				.block();
			assertThat(migrations).isPositive();
		}
	}

	private static ConfigurableApplicationContext start(Path data) {
		// command-line arguments, as a user would pass them: they outrank application.yml
		return new SpringApplicationBuilder(RehearseApplication.class).run("--server.port=0",
				"--rehearse.database.url=", "--rehearse.database.embedded.data-directory=" + data);
	}

}
