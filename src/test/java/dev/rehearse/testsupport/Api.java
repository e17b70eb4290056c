package dev.rehearse.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The API as a test's candidate uses it: HTTP Basic, JSON, server-sent events read whole. */
public final class Api {

	private static final AtomicLong counter = new AtomicLong(System.nanoTime() % 1_000_000);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebTestClient client;

	private final String username;

	private final String password;

	private Api(WebTestClient client, String username, String password) {
		this.client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		this.username = username;
		this.password = password;
	}

	/** Registers a new candidate with a unique name and returns the API as that candidate. */
	public static Api newCandidate(WebTestClient client) {
		Api api = new Api(client, null, null);
		String username = "cand" + counter.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 6);
		String password = "correct-horse-" + UUID.randomUUID().toString().substring(0, 4);
		api.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus()
			.isCreated();
		return new Api(api.client, username, password);
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	public WebTestClient.RequestHeadersSpec<?> get(String uri, Object... variables) {
		return this.client.get().uri(uri, variables).headers((h) -> h.setBasicAuth(this.username, this.password));
	}

	public WebTestClient.RequestBodySpec post(String uri, Object... variables) {
		return this.client.post().uri(uri, variables).headers((h) -> h.setBasicAuth(this.username, this.password));
	}

	public WebTestClient.RequestBodySpec put(String uri, Object... variables) {
		return this.client.put().uri(uri, variables).headers((h) -> h.setBasicAuth(this.username, this.password));
	}

	public WebTestClient.RequestHeadersSpec<?> delete(String uri, Object... variables) {
		return this.client.delete().uri(uri, variables).headers((h) -> h.setBasicAuth(this.username, this.password));
	}

	/** Begins an interview; returns the response body. */
	public JsonNode begin(Map<String, Object> request) {
		byte[] body = post("/api/interviews").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	public JsonNode getJson(String uri, Object... variables) {
		byte[] body = get(uri, variables).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
		return json.readTree(body);
	}

	/** Answers and reads the whole event stream. */
	public List<Event> answer(JsonNode interview, JsonNode turn, String text) {
		return answer(interview.get("id").asString(), turn.get("id").asString(), Map.of("text", text));
	}

	public List<Event> answer(String interviewId, String turnId, Map<String, Object> body) {
		return events(answerStream(interviewId, turnId, body));
	}

	public Flux<ServerSentEvent<String>> answerStream(String interviewId, String turnId, Map<String, Object> body) {
		return post("/api/interviews/{id}/turns/{turn}/answer", interviewId, turnId)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody();
	}

	public List<Event> regrade(String interviewId, String turnId) {
		return events(post("/api/interviews/{id}/turns/{turn}/regrade", interviewId, turnId)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody());
	}

	public static List<Event> events(Flux<ServerSentEvent<String>> stream) {
		return stream.map(Api::event).collectList().block(Duration.ofSeconds(60));
	}

	public static Event event(ServerSentEvent<String> event) {
		return new Event(event.event(), json.readTree(event.data()));
	}

	public static JsonNode parse(byte[] body) {
		return json.readTree(body);
	}

	/**
	 * One server-sent event.
	 *
	 * @param name the event's name
	 * @param data its JSON data
	 */
	public record Event(String name, JsonNode data) {
	}

}
