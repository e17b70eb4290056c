package dev.rehearse.account;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.BrowserSession;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling and creation limits over real HTTP, with small numbers and short windows. The
 * forwarded headers strategy is framework here, as behind a trusted proxy: X-Forwarded-For names
 * the client, so each test comes from addresses of its own.
 */
@DatabaseTest
@SpringBootTest(properties = { "server.forward-headers-strategy=framework",
		"rehearse.security.login.max-failures=3", "rehearse.security.login.max-failures-per-address=5",
		"rehearse.security.login.window=30s", "rehearse.security.login.lock=4s", "rehearse.security.login.max-lock=8s",
		"rehearse.security.limits.registrations=2", "rehearse.security.limits.interviews=2" })
class AbuseLimitsIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	/** The client as seen from one address (through the trusted proxy). */
	WebTestClient from(String address) {
		return this.client.mutate()
			.responseTimeout(Duration.ofSeconds(60))
			.defaultHeader("X-Forwarded-For", address)
			.build();
	}

	static String anAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	@Test
	void formSignInsAreThrottledAfterFailuresEvenWithTheRightPasswordUntilTheLockEnds() throws Exception {
		Api ann = Api.newCandidate(from(anAddress()));
		WebTestClient attacker = from(anAddress());
		for (int i = 0; i < 3; i++) {
			formLogin(attacker, ann.username(), "wrong-guess-" + i).expectStatus().isUnauthorized();
		}
		// Ann herself, from elsewhere: her account is locked
		WebTestClient anns = from(anAddress());
		long retryAfter = retryAfter(formLogin(anns, ann.username(), ann.password()).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(429)
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("Try again in"))
			.returnResult()
			.getResponseHeaders());
		assertThat(retryAfter).isBetween(1L, 4L);
		Thread.sleep(retryAfter * 1000 + 300);
		formLogin(anns, ann.username(), ann.password()).expectStatus().isOk();
	}

	@Test
	void httpBasicIsThrottledWithGrowingWaitsAndASuccessClearsTheCount() throws Exception {
		Api bob = Api.newCandidate(from(anAddress()));
		WebTestClient client = from(anAddress());
		for (int i = 0; i < 3; i++) {
			basic(client, bob.username(), "wrong-guess-" + i).expectStatus().isUnauthorized();
		}
		long first = retryAfter(basic(client, bob.username(), bob.password()).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.returnResult()
			.getResponseHeaders());
		assertThat(first).isBetween(1L, 4L);
		Thread.sleep(first * 1000 + 300);
		// one more failure after the lock: locked again, twice as long (8 s)
		basic(client, bob.username(), "wrong-guess-again").expectStatus().isUnauthorized();
		long second = retryAfter(basic(client, bob.username(), bob.password()).expectStatus()
			.isEqualTo(429)
			.expectBody()
			.returnResult()
			.getResponseHeaders());
		assertThat(second).isBetween(5L, 8L);
		Thread.sleep(second * 1000 + 300);
		basic(client, bob.username(), bob.password()).expectStatus().isOk();
		// the success forgot the account's failures: one more is a plain 401 (from an address that has
		// not used up its own five)
		WebTestClient elsewhere = from(anAddress());
		basic(elsewhere, bob.username(), "wrong-guess-later").expectStatus().isUnauthorized();
		basic(elsewhere, bob.username(), bob.password()).expectStatus().isOk();
	}

	@Test
	void anUnknownUsernameIsThrottledJustLikeAKnownOne() {
		String nobody = "nobody_" + UUID.randomUUID().toString().substring(0, 8);
		WebTestClient client = from(anAddress());
		for (int i = 0; i < 3; i++) {
			basic(client, nobody, "guess-" + i).expectStatus().isUnauthorized();
		}
		basic(client, nobody, "guess-3").expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void oneClientAddressIsThrottledAcrossAccounts() {
		Api carol = Api.newCandidate(from(anAddress()));
		String sprayer = anAddress();
		for (int i = 0; i < 5; i++) {
			basic(from(sprayer), "victim" + i + "_" + UUID.randomUUID().toString().substring(0, 6), "Summer2025!")
				.expectStatus()
				.isUnauthorized();
		}
		basic(from(sprayer), carol.username(), carol.password()).expectStatus().isEqualTo(429);
		basic(from(anAddress()), carol.username(), carol.password()).expectStatus().isOk();
	}

	@Test
	void registrationsPerAddressAreLimitedAndTheRefusedOneIsNotCreated() {
		WebTestClient client = from(anAddress());
		register(client, "en", "first").expectStatus().isCreated();
		register(client, "en", "second").expectStatus().isCreated();
		String third = "third_" + UUID.randomUUID().toString().substring(0, 8);
		client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", third, "password", "a-long-enough-password"))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isBetween(3500L, 3600L))
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).startsWith("Too many accounts were registered"));
		register(client, "zh-CN", "fourth").expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).startsWith("从此地址注册的账户过多"));
		assertThat(this.database.sql("select count(*) from app_user where username = :name")
			.bind("name", third)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).isZero();
		// another address may still register
		register(from(anAddress()), "en", "elsewhere").expectStatus().isCreated();
	}

	@Test
	void aWeakPasswordIsRefusedWithZxcvbnsReasonInTheRequestsLanguage() {
		WebTestClient client = from(anAddress());
		for (String password : new String[] { "football", "sunshine", "password123", "12341234", "trustno1",
				"admin1234" }) {
			registerWith(client, "en-US,en;q=0.9", password).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("password")
				.jsonPath("$.errors[0].message")
				.value((message) -> assertThat(message.toString()).startsWith("is too easy to guess: ")
					.containsAnyOf("common password", "Add another word"));
			registerWith(client, "zh-CN,zh;q=0.9,en;q=0.8", password).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("注册信息无效")
				.jsonPath("$.errors[0].message")
				.value((message) -> assertThat(message.toString()).startsWith("太容易被猜到：").contains("。"));
		}
		// refusals take nothing from the address's registrations
		register(client, "en", "strong").expectStatus().isCreated();
	}

	@Test
	void interviewsPerUserAreLimitedAndTheRefusedOneIsNotCreated() {
		Api dave = Api.newCandidate(from(anAddress()));
		dave.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		dave.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		dave.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "questionCount", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).startsWith("At most 2 interviews can be begun per 60 minutes"));
		assertThat(this.database
			.sql("select count(*) from interview i join app_user u on u.id = i.user_id where u.username = :name")
			.bind("name", dave.username())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(2);
	}

	@Test
	void theSessionCookieIsSecureWhenTheTrustedProxySaysHttps() {
		ResponseCookie session = BrowserSession.csrf(from(anAddress()).mutate().defaultHeader("X-Forwarded-Proto", "https").build(),
				null)
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(session.isSecure()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");
	}

	private static long retryAfter(HttpHeaders headers) {
		return Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER));
	}

	private WebTestClient.ResponseSpec formLogin(WebTestClient client, String username, String password) {
		return BrowserSession.open(client)
			.post("/api/auth/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=" + username + "&password=" + password)
			.exchange();
	}

	private WebTestClient.ResponseSpec basic(WebTestClient client, String username, String password) {
		return client.get().uri("/api/me").headers((headers) -> headers.setBasicAuth(username, password)).exchange();
	}

	private WebTestClient.ResponseSpec register(WebTestClient client, String language, String prefix) {
		return client.post()
			.uri("/api/auth/register")
			.header(HttpHeaders.ACCEPT_LANGUAGE, language)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", prefix + "_" + UUID.randomUUID().toString().substring(0, 8), "password",
					"a-long-enough-password"))
			.exchange();
	}

	private WebTestClient.ResponseSpec registerWith(WebTestClient client, String language, String password) {
		return client.post()
			.uri("/api/auth/register")
			.header(HttpHeaders.ACCEPT_LANGUAGE, language)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "weak_" + UUID.randomUUID().toString().substring(0, 8), "password", password))
			.exchange();
	}

}
