package dev.rehearse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.rehearse.testsupport.TestUsers;

import org.springframework.core.env.MapPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * The PostgreSQL every database test runs against, chosen once per test JVM:
 * {@code REHEARSE_TEST_DB_URL} (with {@code REHEARSE_TEST_DB_USER} and
 * {@code REHEARSE_TEST_DB_PASSWORD}) when set, else a Testcontainers PostgreSQL when Docker is
 * up, else an embedded PostgreSQL (real binaries, no Docker). Never skipped: when none of the
 * three can start, the tests fail.
 */
public final class TestDatabase {

	private static volatile TestDatabase instance;

	private static final String ADMIN_PASSWORD_HASH = new BCryptPasswordEncoder().encode(TestUsers.ADMIN_PASSWORD);

	private final String url;

	private final String username;

	private final String password;

	private final String description;

	private TestDatabase(String url, String username, String password, String description) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.description = description;
	}

	public static TestDatabase get() {
		if (instance == null) {
			synchronized (TestDatabase.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
	}

	private static TestDatabase start() {
		String explicit = System.getenv("REHEARSE_TEST_DB_URL");
		if (explicit != null && !explicit.isBlank()) {
			return new TestDatabase(explicit, System.getenv("REHEARSE_TEST_DB_USER"),
					System.getenv("REHEARSE_TEST_DB_PASSWORD"), "PostgreSQL from REHEARSE_TEST_DB_URL");
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers PostgreSQL");
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(Files.createTempDirectory("rehearse-test-pg"))
				.setCleanDataDirectory(true)
				.setServerConfig("max_connections", "300")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away anyway
				}
			}));
			return new TestDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres",
					"", "embedded PostgreSQL");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No PostgreSQL for the tests: no REHEARSE_TEST_DB_URL, no Docker, "
					+ "and the embedded PostgreSQL did not start", ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	public String url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	@Override
	public String toString() {
		return this.description + " at " + this.url;
	}

	/**
	 * Points a test's application context at the test database (through the same
	 * {@code rehearse.database.*} properties a user would set). Registered by
	 * {@link DatabaseTest}.
	 */
	static final class Customizer implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new DatabaseContextCustomizer();
		}

	}

	private record DatabaseContextCustomizer() implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			TestDatabase database = TestDatabase.get();
			java.util.Map<String, Object> properties = new java.util.HashMap<>();
			properties.put("rehearse.database.url", database.url());
			properties.put("rehearse.database.username", (database.username() != null) ? database.username() : "");
			properties.put("rehearse.database.password", (database.password() != null) ? database.password() : "");
			properties.put("rehearse.database.embedded.enabled", "false");
			// defaults a test class may override with its own properties (@SpringBootTest(properties = ...))
			java.util.Map<String, Object> defaults = new java.util.HashMap<>();
			// the admin that tests of /api/admin/** sign in as, created at start-up (testsupport.TestUsers)
			defaults.put("rehearse.security.admins", TestUsers.ADMIN);
			defaults.put("rehearse.security.admin-password-hash", ADMIN_PASSWORD_HASH);
			// every test registers its candidates from 127.0.0.1 and begins interviews at will; the limits
			// and the per-address sign-in throttle have tests of their own (account.*IntegrationTests)
			defaults.put("rehearse.security.limits.registrations", "0");
			defaults.put("rehearse.security.limits.interviews", "0");
			defaults.put("rehearse.security.login.max-failures-per-address", "0");
			java.util.Set<String> ownProperties = java.util.Arrays.stream(mergedConfig.getPropertySourceProperties())
				.map((property) -> property.split("[=:]", 2)[0].strip())
				.collect(java.util.stream.Collectors.toSet());
			defaults.forEach((key, value) -> {
				if (!ownProperties.contains(key)) {
					properties.put(key, value);
				}
			});
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
		}

	}

}
