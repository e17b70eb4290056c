package dev.rehearse.system;

import java.net.URI;

import io.r2dbc.spi.ConnectionFactoryOptions;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;

/**
 * One PostgreSQL described once, handed to R2DBC (the application) and to Flyway (the schema)
 * so that both always talk to the same database.
 */
record PostgresConnectionDetails(String host, int port, String database, String username, String password)
		implements R2dbcConnectionDetails, FlywayConnectionDetails, JdbcConnectionDetails {

	/** Parses {@code jdbc:postgresql://host:port/db}, {@code postgresql://…} or {@code r2dbc:postgresql://…}. */
	static PostgresConnectionDetails fromUrl(String url, String username, String password) {
		String plain = url.strip().replaceFirst("^(jdbc:|r2dbc:)", "");
		if (!plain.startsWith("postgresql://") && !plain.startsWith("postgres://")) {
			throw new IllegalArgumentException("rehearse.database.url must look like jdbc:postgresql://host:5432/database, was: " + url);
		}
		URI uri = URI.create(plain);
		String database = (uri.getPath() == null || uri.getPath().length() <= 1) ? "postgres" : uri.getPath().substring(1);
		return new PostgresConnectionDetails(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, database,
				username, password);
	}

	@Override
	public ConnectionFactoryOptions getConnectionFactoryOptions() {
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, "postgresql")
			.option(ConnectionFactoryOptions.HOST, this.host)
			.option(ConnectionFactoryOptions.PORT, this.port)
			.option(ConnectionFactoryOptions.DATABASE, this.database);
		if (this.username != null) {
			options.option(ConnectionFactoryOptions.USER, this.username);
		}
		if (this.password != null) {
			options.option(ConnectionFactoryOptions.PASSWORD, this.password);
		}
		return options.build();
	}

	@Override
	public String getJdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public String getPassword() {
		return this.password;
	}

	@Override
	public String getDriverClassName() {
		return "org.postgresql.Driver";
	}

	@Override
	public String toString() {
		return "PostgreSQL at " + getJdbcUrl() + " as " + this.username;
	}

}
