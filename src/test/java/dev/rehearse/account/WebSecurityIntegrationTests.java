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
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSRF, cookies, response headers and the API description, over real HTTP, with the forwarded
 * headers strategy left at none (the default): X-Forwarded-* count for nothing.
 */
@DatabaseTest
class WebSecurityIntegrationTests {

	@Autowired
	WebTestClient client;

	WebTestClient client() {
		return this.client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
	}

	@Test
	void aSessionRequestWithABogusAuthorizationHeaderStillNeedsTheCsrfToken() {
		Api api = Api.newCandidate(client());
		BrowserSession browser = BrowserSession.login(client(), api.username(), api.password());
		for (String authorization : new String[] { "Bearer x", "Basic !!!", "Basic " + base64("no-colon") }) {
			client().post()
				.uri("/api/interviews")
				.cookie("SESSION", browser.session())
				.header(HttpHeaders.AUTHORIZATION, authorization)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("bankId", "no-such-bank"))
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(authorization).isIn(401, 403));
		}
		// with its token the same request gets through to the interview API (no such bank)
		browser.post("/api/interviews")
			.header(HttpHeaders.AUTHORIZATION, "Bearer x")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void httpBasicNeedsNoCsrfToken() {
		Api api = Api.newCandidate(client());
		api.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank"))
			.exchange()
			.expectStatus()
			.isNotFound();
		api.delete("/api/interviews/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
	}

	@Test
	void theCsrfTokenBelongsToItsSession() {
		Api ann = Api.newCandidate(client());
		Api bob = Api.newCandidate(client());
		BrowserSession anns = BrowserSession.login(client(), ann.username(), ann.password());
		BrowserSession bobs = BrowserSession.login(client(), bob.username(), bob.password());
		// Bob's token with Ann's session: refused
		client().post()
			.uri("/api/interviews")
			.cookie("SESSION", anns.session())
			.header("X-XSRF-TOKEN", bobs.csrfToken())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("CSRF"));
		// a token an attacker got from a session of their own, sent as a cookie and a header: refused
		BrowserSession attackers = BrowserSession.open(client());
		client().post()
			.uri("/api/interviews")
			.cookie("SESSION", anns.session())
			.cookie("XSRF-TOKEN", attackers.csrfToken())
			.header("X-XSRF-TOKEN", attackers.csrfToken())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank"))
			.exchange()
			.expectStatus()
			.isForbidden();
		// Ann's own token: accepted
		anns.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", "no-such-bank"))
			.exchange()
			.expectStatus()
			.isNotFound();
		// signing out ends the session and its token
		anns.post("/api/auth/logout").exchange().expectStatus().isNoContent();
		anns.post("/api/auth/logout").exchange().expectStatus().isForbidden();
	}

	@Test
	void theSessionCookieIsLaxHttpOnlyAndNotSecureOverPlainHttpWhateverForwardedHeadersSay() {
		ResponseCookie session = BrowserSession.csrf(client().mutate()
			.defaultHeader("X-Forwarded-Proto", "https")
			.defaultHeader("Forwarded", "proto=https")
			.build(), null).getResponseCookies().getFirst("SESSION");
		assertThat(session).isNotNull();
		assertThat(session.getSameSite()).isEqualTo("Lax");
		assertThat(session.isHttpOnly()).isTrue();
		// forward-headers-strategy is none here: the request is plain http
		assertThat(session.isSecure()).isFalse();
		// and no CSRF cookie any more: the token lives in the session
		assertThat(BrowserSession.csrf(client(), null).getResponseCookies()).doesNotContainKey("XSRF-TOKEN");
	}

	@Test
	void pagesAndAnswersCarryTheContentSecurityAndPermissionsPolicies() {
		for (String path : new String[] { "/", "/api/auth/csrf" }) {
			client().get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("Content-Security-Policy", SecurityHeaders.APP_POLICY)
				.expectHeader()
				.valueEquals("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY);
		}
		assertThat(SecurityHeaders.APP_POLICY).contains("script-src 'self';").doesNotContain("unsafe");
		assertThat(SecurityHeaders.PERMISSIONS_POLICY).startsWith("microphone=(self),").contains("camera=()");
		// Swagger UI, under its own looser policy (inline styles)
		client().get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectHeader()
			.valueEquals("Content-Security-Policy", SecurityHeaders.SWAGGER_POLICY);
		// the page springdoc transforms; its redirect just before on the same connection once left this request
		// unanswered (Reactor Netty before 1.3.8, KeepAliveIntegrationTests)
		client().get()
			.uri("/webjars/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Security-Policy", SecurityHeaders.SWAGGER_POLICY)
			.expectHeader()
			.valueEquals("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY);
	}

	@Test
	void theApiDescriptionNamesNoServerFromTheHostHeader() {
		this.client.mutate()
			.responseTimeout(Duration.ofSeconds(120))
			.build()
			.get()
			.uri("/v3/api-docs")
			.header(HttpHeaders.HOST, "attacker.example")
			.header("X-Forwarded-Host", "attacker.example")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.servers[0].url")
			.isEqualTo("/")
			.consumeWith((result) -> assertThat(new String(result.getResponseBody())).doesNotContain("attacker.example"));
	}

	private static String base64(String text) {
		return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
