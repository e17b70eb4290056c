package dev.rehearse.system;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PostgresConnectionDetailsTests {

	@Test
	void jdbcUrlGivesTheSameDatabaseToR2dbcAndFlyway() {
		PostgresConnectionDetails details = PostgresConnectionDetails
			.fromUrl("jdbc:postgresql://db.internal:6543/rehearse", "app", "secret");
		ConnectionFactoryOptions options = details.getConnectionFactoryOptions();
		assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("db.internal");
		assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(6543);
		assertThat(options.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("rehearse");
		assertThat(options.getValue(ConnectionFactoryOptions.USER)).isEqualTo("app");
		assertThat(details.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/rehearse");
		assertThat(details.getUsername()).isEqualTo("app");
		assertThat(details.getPassword()).isEqualTo("secret");
	}

	@Test
	void plainAndR2dbcUrlsAreAcceptedAndThePortDefaults() {
		assertThat(PostgresConnectionDetails.fromUrl("postgresql://localhost/rehearse", "u", "p").getJdbcUrl())
			.isEqualTo("jdbc:postgresql://localhost:5432/rehearse");
		assertThat(PostgresConnectionDetails.fromUrl("r2dbc:postgresql://localhost:5433/x", "u", "p").getJdbcUrl())
			.isEqualTo("jdbc:postgresql://localhost:5433/x");
	}

	@Test
	void passwordNeverAppearsInTheLoggedDescription() {
		assertThat(PostgresConnectionDetails.fromUrl("postgresql://h/db", "app", "s3cr3t"))
			.hasToString("PostgreSQL at jdbc:postgresql://h:5432/db as app");
	}

	@Test
	void otherDatabasesAreRefusedWithTheExpectedShape() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostgresConnectionDetails.fromUrl("jdbc:mysql://localhost/db", "u", "p"))
			.withMessageContaining("jdbc:postgresql://host:5432/database");
	}

}
