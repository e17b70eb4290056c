package dev.rehearse.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Rehearse keeps its data.
 *
 * @param url JDBC-style URL of an existing PostgreSQL ({@code jdbc:postgresql://host:5432/db}
 * or {@code postgresql://host:5432/db}); when empty an embedded PostgreSQL is started
 * @param username user for {@link #url}
 * @param password password for {@link #url}
 * @param embedded the embedded PostgreSQL used when no URL is given
 */
@ConfigurationProperties("rehearse.database")
public record DatabaseProperties(String url, String username, String password, @DefaultValue Embedded embedded) {

	/**
	 * The embedded PostgreSQL.
	 *
	 * @param enabled start one when no database URL is configured
	 * @param dataDirectory where its files live; kept across restarts
	 * @param port TCP port on loopback, 0 for any free port
	 */
	public record Embedded(@DefaultValue("true") boolean enabled, @DefaultValue("./data/postgres") Path dataDirectory,
			@DefaultValue("0") int port) {
	}

}
