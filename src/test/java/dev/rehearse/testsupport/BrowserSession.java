package dev.rehearse.testsupport;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The API as the web page uses it: a form login, then the session cookie and the session's CSRF token. */
public final class BrowserSession {

	private final WebTestClient client;

	private final String session;

	private final String csrf;

	private BrowserSession(WebTestClient client, String session, String csrf) {
		this.client = client;
		this.session = session;
		this.csrf = csrf;
	}

	/**
	 * The CSRF token of the session named by {@code session} (a new anonymous session when null);
	 * the answer's {@code SESSION} cookie, if any, names the session the token belongs to.
	 */
	public static EntityExchangeResult<byte[]> csrf(WebTestClient client, String session) {
		WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/auth/csrf");
		if (session != null) {
			request = request.cookie("SESSION", session);
		}
		return request.exchange().expectStatus().isOk().expectBody().returnResult();
	}

	/** A browser that has opened the page: an anonymous session and its CSRF token. */
	public static BrowserSession open(WebTestClient client) {
		WebTestClient patient = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		EntityExchangeResult<byte[]> result = csrf(patient, null);
		ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
		if (session == null) {
			throw new AssertionError("GET /api/auth/csrf started no session");
		}
		return new BrowserSession(patient, session.getValue(), token(result));
	}

	/** Signs in through {@code client}; the session may then be used on any instance. */
	public static BrowserSession login(WebTestClient client, String username, String password) {
		BrowserSession anonymous = open(client);
		EntityExchangeResult<byte[]> result = anonymous.post("/api/auth/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=" + username + "&password=" + password)
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.exists("SESSION")
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo(username)
			.returnResult();
		String session = result.getResponseCookies().getFirst("SESSION").getValue();
		// as the page does: a fresh token once signed in
		return new BrowserSession(anonymous.client, session, token(csrf(anonymous.client, session)));
	}

	private static String token(EntityExchangeResult<byte[]> result) {
		JsonNode body = Api.parse(result.getResponseBody());
		return body.get("token").asString();
	}

	/** The same signed-in browser talking to another instance. */
	public BrowserSession on(WebTestClient other) {
		return new BrowserSession(other.mutate().responseTimeout(Duration.ofSeconds(60)).build(), this.session, this.csrf);
	}

	public String session() {
		return this.session;
	}

	public String csrfToken() {
		return this.csrf;
	}

	public WebTestClient.RequestHeadersSpec<?> get(String uri, Object... variables) {
		return this.client.get().uri(uri, variables).cookie("SESSION", this.session);
	}

	public WebTestClient.RequestBodySpec post(String uri, Object... variables) {
		return this.client.post()
			.uri(uri, variables)
			.cookie("SESSION", this.session)
			.header("X-XSRF-TOKEN", this.csrf);
	}

}
