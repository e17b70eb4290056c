package dev.rehearse.testsupport;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The API as the web page uses it: a form login, then the session cookie and the CSRF token. */
public final class Browser {

	private final WebTestClient client;

	private final String session;

	private final String csrf;

	private Browser(WebTestClient client, String session, String csrf) {
		this.client = client;
		this.session = session;
		this.csrf = csrf;
	}

	public static JsonNode csrf(WebTestClient client) {
		EntityExchangeResult<byte[]> result = client.get()
			.uri("/api/auth/csrf")
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.exists("XSRF-TOKEN")
			.expectBody()
			.returnResult();
		return Api.parse(result.getResponseBody());
	}

	/** Signs in through {@code client}; the session may then be used on any instance. */
	public static Browser login(WebTestClient client, String username, String password) {
		WebTestClient patient = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		String token = csrf(patient).get("token").asString();
		EntityExchangeResult<byte[]> result = patient.post()
			.uri("/api/auth/login")
			.cookie("XSRF-TOKEN", token)
			.header("X-XSRF-TOKEN", token)
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
		ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
		return new Browser(patient, session.getValue(), token);
	}

	/** The same signed-in browser talking to another instance. */
	public Browser on(WebTestClient other) {
		return new Browser(other.mutate().responseTimeout(Duration.ofSeconds(60)).build(), this.session, this.csrf);
	}

	public String session() {
		return this.session;
	}

	public WebTestClient.RequestHeadersSpec<?> get(String uri, Object... variables) {
		return this.client.get().uri(uri, variables).cookie("SESSION", this.session);
	}

	public WebTestClient.RequestBodySpec post(String uri, Object... variables) {
		return this.client.post()
			.uri(uri, variables)
			.cookie("SESSION", this.session)
			.cookie("XSRF-TOKEN", this.csrf)
			.header("X-XSRF-TOKEN", this.csrf);
	}

}
