package dev.rehearse.testsupport;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signed-in clients for tests of features behind the API's sign-in: an admin (the name every
 * {@code @DatabaseTest} context lists in {@code rehearse.security.admins}) and plain candidates.
 */
public final class TestUsers {

	/** Listed as an admin in every {@code @DatabaseTest} context (see {@code TestDatabase}). */
	public static final String ADMIN = "rehearse-test-admin";

	private static final String ADMIN_PASSWORD = "admin-test-passphrase";

	private TestUsers() {
	}

	/** The client, sending the test admin's HTTP Basic credentials on every request. */
	public static WebTestClient admin(WebTestClient client) {
		client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", ADMIN, "password", ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.value((status) -> {
				if (status != 201 && status != 409) {
					throw new AssertionError("Could not register the test admin: " + status);
				}
			});
		return client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.defaultHeaders((headers) -> headers.setBasicAuth(ADMIN, ADMIN_PASSWORD))
			.build();
	}

}
