package dev.rehearse.account;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.BrowserSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
class AccountIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	WebTestClient client() {
		return this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void registersOnceAndRefusesTheSameNameInAnyCase() {
		String name = "Ann_" + UUID.randomUUID().toString().substring(0, 8);
		register(name, "a-long-passphrase").expectStatus().isCreated().expectBody().jsonPath("$.username").isEqualTo(name);
		register(name.toLowerCase(), "another-passphrase").expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(409);
		String hash = this.database.sql("select password_hash from app_user where username = :u")
			.bind("u", name)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain("a-long-passphrase");
	}

	@Test
	void refusesMalformedNamesAndWeakPasswordsWithEveryReason() {
		register("a!", "short").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'username')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'password')]")
			.exists();
		register("weakling_" + UUID.randomUUID().toString().substring(0, 6), "password").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(message.toString()).startsWith("is too easy to guess: This is a top-10 common password."));
	}

	@Test
	void anonymousCallsGetAJsonProblemAndNoBrowserPrompt() {
		client().get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		client().get()
			.uri("/api/interviews")
			.headers((h) -> h.setBasicAuth("nobody-" + UUID.randomUUID(), "wrong-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void scriptsUseHttpBasicWithoutCsrfAndWithoutASession() {
		Api api = Api.newCandidate(client());
		api.get("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo(api.username())
			.jsonPath("$.admin")
			.isEqualTo(false);
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void theBrowserLogsInWithAFormAndCsrfKeepsASessionInPostgresAndLogsOut() {
		Api api = Api.newCandidate(client());
		BrowserSession browser = BrowserSession.login(client(), api.username(), api.password());
		Long rows = this.database.sql("select count(*) from web_session where principal_name = :u")
			.bind("u", api.username())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(rows).isEqualTo(1);
		browser.get("/api/me").exchange().expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(api.username());

		// a state-changing request without the CSRF header is refused
		client().post()
			.uri("/api/interviews")
			.cookie("SESSION", browser.session())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "x"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("CSRF"));

		browser.post("/api/auth/logout").exchange().expectStatus().isNoContent();
		client().get().uri("/api/me").cookie("SESSION", browser.session()).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aWrongPasswordAtLoginIs401WithoutPrompt() {
		Api api = Api.newCandidate(client());
		BrowserSession.open(client())
			.post("/api/auth/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=" + api.username() + "&password=wrong-password")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Unauthorized");
	}

	@Test
	void theConfiguredAdminIsAnAdmin() {
		dev.rehearse.testsupport.TestUsers.admin(client())
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.admin")
			.isEqualTo(true);
	}

	@Test
	void onlyAdminsReachTheAdminApiAndTheApiDescriptionIsPublic() {
		Api api = Api.newCandidate(client());
		api.post("/api/admin/banks/reload").exchange().expectStatus().isForbidden();
		// the first description is built on demand, slowly on a busy machine
		this.client.mutate().responseTimeout(Duration.ofSeconds(120)).build().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.paths['/api/interviews/{id}/turns/{turnId}/answer']")
			.exists();
		client().get().uri("/readyz").exchange().expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec register(String username, String password) {
		return client().post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

}
