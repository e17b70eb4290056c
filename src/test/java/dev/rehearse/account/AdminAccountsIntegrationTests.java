package dev.rehearse.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.TestUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins come from configuration, never from public registration. */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class AdminAccountsIntegrationTests {

	private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("one-time password: (\\S+)");

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	PasswordEncoder encoder;

	WebTestClient client() {
		return this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void aMissingAdminGetsARandomPasswordLoggedOnceAndOnlyOnce(CapturedOutput output) {
		String name = "boss_" + UUID.randomUUID().toString().substring(0, 8);
		bootstrap(name, null);
		Matcher logged = ONE_TIME_PASSWORD.matcher(output.getAll());
		assertThat(logged.find()).as("the password is logged").isTrue();
		String password = logged.group(1);
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);

		// a restart (or a second instance) finds the account: no new password, the first one stays
		bootstrap(name, null);
		assertThat(ONE_TIME_PASSWORD.matcher(output.getAll()).results().count()).isEqualTo(1);
		signIn(name, password).expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(name);
		String stored = this.database.sql("select password_hash from app_user where username = :name")
			.bind("name", name)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(stored).startsWith("{bcrypt}").doesNotContain(password);
	}

	@Test
	void aConfiguredHashIsTheAdminsPasswordAndReplacesAnOlderOne() {
		String name = "chief_" + UUID.randomUUID().toString().substring(0, 8);
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		bootstrap(name, bcrypt.encode("first-admin-passphrase"));
		signIn(name, "first-admin-passphrase").expectStatus().isOk();

		bootstrap(name, bcrypt.encode("rotated-admin-passphrase"));
		signIn(name, "rotated-admin-passphrase").expectStatus().isOk();
		signIn(name, "first-admin-passphrase").expectStatus().isUnauthorized();
	}

	@Test
	void theConfiguredAdminOfTheTestsSignsInWithTheConfiguredHash() {
		TestUsers.admin(client()).get().uri("/api/me").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.admin").isEqualTo(true);
	}

	@Test
	void nobodyCanRegisterAnAdminNameInAnyCase() {
		for (String language : List.of("en", "zh-CN")) {
			client().post()
				.uri("/api/auth/register")
				.header("Accept-Language", language)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("username", TestUsers.ADMIN.toUpperCase(), "password", "a-squatters-passphrase"))
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value((detail) -> assertThat(detail.toString()).contains(TestUsers.ADMIN.toUpperCase())
					.containsAnyOf("reserved for an administrator", "保留给管理员"));
		}
	}

	private void bootstrap(String admin, String hash) {
		AccountProperties properties = new AccountProperties(List.of(admin), hash, Duration.ofMinutes(30),
				Duration.ofMinutes(10), null, null, null);
		new AdminAccounts(properties, this.database, this.encoder).run(null);
	}

	private WebTestClient.ResponseSpec signIn(String name, String password) {
		return client().get().uri("/api/me").headers((headers) -> headers.setBasicAuth(name, password)).exchange();
	}

}
