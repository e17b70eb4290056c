package dev.rehearse.system;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.BrowserSession;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a careless client or an attacker sends gets a 4xx problem that names the field, one log
 * line and no stack trace, and nothing of it is saved: NUL bytes, invalid UTF-8 and lone
 * surrogates anywhere, oversized forms, wrong JSON types, a JSON sign-in, and bank ids that try
 * to climb out of their directory.
 */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@LocalServerPort
	int port;

	private Api api;

	private String interviewId;

	private String turnId;

	@BeforeEach
	void candidateWithAnInterview() {
		this.api = Api.newCandidate(this.client);
		JsonNode interview = this.api.begin(Map.of("bankId", SeedBank.ID, "questionCount", 2));
		this.interviewId = interview.get("id").asString();
		this.turnId = interview.get("currentTurn").get("id").asString();
	}

	@Test
	void nulAndBrokenTextInTheSignInFormOrBasicHeaderIsRefusedBeforeAnyLookup(CapturedOutput output) {
		long users = count("select count(*) from app_user");
		form("username=ev%00il&password=whatever-123").expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("username"));
		form("username=" + this.api.username() + "&password=pass%00word").expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("password"));
		form("username=%C3%28&password=whatever-123").expectStatus().isUnauthorized();
		problem(basic("ev\0il:whatever-123"), 401, null);
		problem(basic(new byte[] { 'a', (byte) 0xC3, 0x28, ':', 'x' }), 401, null);
		problem(basic("\uD800bc:whatever-123".getBytes(StandardCharsets.UTF_8)), 401, null);
		// the real credentials still work, over the same paths
		signInWithForm("username=" + this.api.username() + "&password=" + this.api.password()).expectStatus().isOk();
		this.client.get()
			.uri("/api/me")
			.headers((h) -> h.setBasicAuth(this.api.username(), this.api.password()))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(count("select count(*) from app_user")).isEqualTo(users);
		assertOneLineEach(output);
	}

	@Test
	void anOversizedSignInFormIsTooLarge(CapturedOutput output) {
		form("username=a&password=" + "x".repeat(300_000)).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("KB"));
		assertOneLineEach(output);
	}

	@Test
	void aJsonSignInIsUnsupportedAndSaysHowToSignIn() {
		this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", this.api.username(), "password", this.api.password()))
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("application/x-www-form-urlencoded")
				.contains("HTTP Basic"));
	}

	@Test
	void nulBrokenUtf8AndLoneSurrogatesInAnAnswerAreRefusedAndNothingIsSaved(CapturedOutput output) {
		answer("{\"text\":\"hash\\u0000ing\"}".getBytes(StandardCharsets.UTF_8), "text");
		answer("{\"text\":\"hash\\ud800ing\"}".getBytes(StandardCharsets.UTF_8), "text");
		answer(new byte[] { '{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xC3, 0x28, '"', '}' }, null);
		answer("{\"text\":\"hashing\",\"durationSeconds\":1e-300}".getBytes(StandardCharsets.UTF_8),
				"durationSeconds");
		answer("{\"text\":\"hashing\",\"durationSeconds\":\"soon\"}".getBytes(StandardCharsets.UTF_8),
				"durationSeconds");
		assertThat(count("select count(*) from turn where answer_text is not null and interview_id = '"
				+ this.interviewId + "'")).isZero();
		assertThat(this.api.getJson("/api/interviews/{id}", this.interviewId)
			.get("currentTurn")
			.get("status")
			.asString()).isEqualTo("ASKED");
		assertOneLineEach(output);
	}

	@Test
	void hostileBeginRequestsNameTheFieldAndStartNothing(CapturedOutput output) {
		long interviews = count("select count(*) from interview");
		begin("{\"bankId\":\"java\\u0000\"}", "bankId", null);
		begin("{\"bankId\":\"" + SeedBank.ID + "\",\"categories\":[\"a\\u0000\"]}", "categories[0]", null);
		begin("{\"bankId\":\"" + SeedBank.ID + "\",\"questionIds\":[null]}", "questionIds", null);
		begin("{\"bankId\":\"" + SeedBank.ID + "\",\"questionIds\":[\"not-a-uuid\"]}", "questionIds[0]",
				"must be a UUID");
		begin("{\"bankId\":\"" + SeedBank.ID + "\",\"questionCount\":2.5}", "questionCount", "must be a whole number");
		begin("{\"bankId\":\"" + SeedBank.ID + "\",\"questionCount\":\"two\"}", "questionCount",
				"must be a whole number");
		begin("{\"bankId\":\"" + SeedBank.ID + "\",\"categories\":\"all\"}", "categories", "must be a list");
		begin("{\"bankId\":\"" + "b".repeat(5000) + "\"}", "bankId", "at most 200 characters");
		begin("{\"bankId\":", "body", "not valid JSON");
		assertThat(count("select count(*) from interview")).isEqualTo(interviews);
		assertOneLineEach(output);
	}

	@Test
	void nulOrBrokenTextInThePathQueryOrHeadersIsRefusedWithoutSignIn(CapturedOutput output) {
		problem(this.client.get().uri(uri("/api/banks/" + SeedBank.ID + "/questions?category=%00")), 400,
				"category");
		problem(this.client.get().uri(uri("/api/banks/" + SeedBank.ID + "/questions?category=%C3%28")), 400,
				"category");
		// not a URI at all: the server's HTTP adapter refuses it, before any filter, without a body
		assertThat(rawRequest("GET /api/banks/" + SeedBank.ID + "/questions?category=%zz HTTP/1.1\r\n"
				+ "Host: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
		problem(this.client.get().uri(uri("/api/banks/java%00/questions")), 400, "path");
		problem(this.client.get().uri(uri("/api/banks/java%ED%A0%80/questions")), 400, "path");
		assertThat(rawRequest("GET /api/banks HTTP/1.1\r\nHost: localhost\r\nX-Note: a\0b\r\n"
				+ "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
		assertOneLineEach(output);
	}

	@Test
	void badBankIdsGetAProblemWithABody(CapturedOutput output) {
		problem(this.api.get("/api/banks/{id}/questions", "../../etc/passwd"), 400, "path");
		problem(this.client.get().uri(uri("/api/banks/..%2F..%2Fetc%2Fpasswd/questions")), 400, "path");
		this.api.get("/api/banks/{id}/questions", "b".repeat(2000))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.exists();
		assertOneLineEach(output);
	}

	@Test
	void anUnreadableAcceptLanguageFallsBackToEnglish() {
		this.api.post("/api/interviews")
			.header(HttpHeaders.ACCEPT_LANGUAGE, ";;q=x,,zh;q=nope")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "questionCount", 0))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.isEqualTo("must be between 1 and 20");
	}

	private WebTestClient.ResponseSpec form(String body) {
		return this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(body)
			.exchange();
	}

	/** As the web chat signs in: with the session's CSRF token. */
	private WebTestClient.ResponseSpec signInWithForm(String body) {
		return BrowserSession.open(this.client)
			.post("/api/auth/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(body)
			.exchange();
	}

	/** An absolute URI sent as it is written, without the client encoding it again. */
	private URI uri(String pathAndQuery) {
		return URI.create("http://localhost:" + this.port + pathAndQuery);
	}

	private WebTestClient.RequestHeadersSpec<?> basic(String credentials) {
		return basic(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private WebTestClient.RequestHeadersSpec<?> basic(byte[] credentials) {
		return this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(credentials));
	}

	private void answer(byte[] body, String field) {
		problem(this.api.post("/api/interviews/{id}/turns/{turn}/answer", this.interviewId, this.turnId)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(body), 400, field);
	}

	private void begin(String json, String field, String message) {
		problem(this.api.post("/api/interviews").contentType(MediaType.APPLICATION_JSON).bodyValue(json), 400, field,
				(problem) -> {
					if (message != null) {
						assertThat(problem.get("detail").asString()).contains(message);
					}
				});
	}

	private void problem(WebTestClient.RequestHeadersSpec<?> request, int status, String field) {
		problem(request, status, field, (problem) -> {
		});
	}

	/** Asserts the status and a ProblemDetail body whose errors name the field (when given). */
	private void problem(WebTestClient.RequestHeadersSpec<?> request, int status, String field,
			Consumer<JsonNode> more) {
		byte[] body = request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(body).as("a problem body").isNotNull();
		String text = new String(body, StandardCharsets.UTF_8);
		// a refused answer may come back framed as a server-sent event
		JsonNode problem = Api.parse(text.startsWith("data:") ? text.substring(5).strip().getBytes(StandardCharsets.UTF_8) : body);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		if (field != null) {
			assertThat(problem.get("errors").get(0).get("field").asString()).as(text).isEqualTo(field);
			assertThat(problem.get("detail").asString()).startsWith(field);
		}
		more.accept(problem);
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	private String rawRequest(String request) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** No stack trace anywhere, and the refusals were logged, one line each. */
	private static void assertOneLineEach(CapturedOutput output) {
		assertThat(output.getAll()).contains("Refused").doesNotContain("\tat ").doesNotContain("Unexpected error");
	}

}
