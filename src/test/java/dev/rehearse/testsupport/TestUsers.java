package dev.rehearse.testsupport;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signed-in clients for tests of features behind the API's sign-in: an admin (the name every
 * {@code @DatabaseTest} context lists in {@code rehearse.security.admins}) and plain candidates.
 */
public final class TestUsers {

	/** Listed as an admin in every {@code @DatabaseTest} context (see {@code TestDatabase}). */
	public static final String ADMIN = "rehearse-test-admin";

	/** The test admin's password; its hash is configured in every {@code @DatabaseTest} context. */
	public static final String ADMIN_PASSWORD = "admin-test-passphrase";

	private TestUsers() {
	}

	/**
	 * The client, sending the test admin's HTTP Basic credentials on every request. The account is
	 * created at start-up from configuration (admin names cannot be registered).
	 */
	public static WebTestClient admin(WebTestClient client) {
		return client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.defaultHeaders((headers) -> headers.setBasicAuth(ADMIN, ADMIN_PASSWORD))
			.build();
	}

}
