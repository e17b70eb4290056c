package dev.rehearse.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded PostgreSQL that {@code ./mvnw spring-boot:run} uses when nothing is configured.
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path directory;

	@Test
	void dataSurvivesARestartOnTheSameDirectory() throws Exception {
		Path data = this.directory.resolve("postgres");
		try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
			execute(database, "create table kept (value text)", "insert into kept values ('still here')");
		}
		try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0);
				Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select value from kept")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void commitsAreDurable() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(this.directory.resolve("postgres"), 0);
				Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("show synchronous_commit")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("on");
		}
	}

	@Test
	void aSecondInstanceOnTheSameDirectoryIsRefusedClearly() throws Exception {
		Path data = this.directory.resolve("postgres");
		try (EmbeddedDatabase first = EmbeddedDatabase.start(data, 0)) {
			assertThatExceptionOfType(EmbeddedDatabaseInUseException.class)
				.isThrownBy(() -> EmbeddedDatabase.start(data, 0))
				.withMessageContaining("already in use by another Rehearse instance")
				.withMessageContaining(data.toAbsolutePath().normalize().toString());
			execute(first, "select 1");
		}
	}

	private static void execute(EmbeddedDatabase database, String... statements) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static Connection connect(EmbeddedDatabase database) throws SQLException {
		PostgresConnectionDetails details = database.connectionDetails();
		return DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(), "");
	}

	@Test
	void aPidFileNamingAnUnrelatedProcessLeavesItAloneAndStarts() throws Exception {
		Path data = this.directory.resolve("postgres");
		Files.createDirectories(data);
		// as after a crash, once the dead server's process id went to another program (this JVM here)
		Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");
		try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
			execute(database, "select 1");
		}
		assertThat(ProcessHandle.current().isAlive()).isTrue();
	}

	@Test
	void aSecondInstanceIsExplainedWithoutAStackTrace() {
		Path data = this.directory.resolve("postgres");
		var analysis = new EmbeddedDatabaseInUseFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", new EmbeddedDatabaseInUseException(data)));
		assertThat(analysis.getDescription()).contains(data.toString()).contains("already in use");
		assertThat(analysis.getAction()).contains("REHEARSE_DATA_DIR").contains("DB_URL");
	}

}
