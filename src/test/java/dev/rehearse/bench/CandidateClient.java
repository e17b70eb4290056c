package dev.rehearse.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClient.RequestBodySpec;

/**
 * One candidate using the service as the web chat does: registers, signs in once (or sends HTTP
 * Basic on every request, with {@code --auth basic}), starts an interview and answers every turn
 * through the SSE endpoint, reading each stream to its end, follow-ups included.
 */
final class CandidateClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebClient client;

	private final String username;

	private final String password;

	private final boolean basic;

	private final Duration answerTimeout;

	/** Every turn answered, for the lost-answer check against the database. */
	private final Queue<String> answeredTurns;

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	private volatile String csrfHeader = "X-XSRF-TOKEN";

	private volatile String csrfToken;

	CandidateClient(WebClient client, String username, boolean basic, Duration answerTimeout,
			Queue<String> answeredTurns) {
		this.client = client;
		this.username = username;
		this.password = password(username);
		this.basic = basic;
		this.answerTimeout = answerTimeout;
		this.answeredTurns = answeredTurns;
	}

	/** A password per candidate that passes the registration rules (it must not contain the username). */
	static String password(String username) {
		return "Load-" + Integer.toHexString(username.hashCode() * 31 + 7) + "-rehearsal";
	}

	/** Registers and, with session auth, signs in; not part of the measured window. */
	Mono<Void> signUp() {
		Mono<Void> register = csrf().then(Mono.defer(() -> exchange(
				withCsrf(this.client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON))
					.bodyValue(Map.of("username", this.username, "password", this.password)),
				201, "register")));
		// a retried sign-up may find its user already registered by the first attempt
		register = register.onErrorResume((ex) -> ex.getMessage() != null && ex.getMessage().startsWith("register: HTTP 409"),
				(ex) -> Mono.empty());
		if (this.basic) {
			return register;
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", this.username);
		form.add("password", this.password);
		return register
			.then(Mono.defer(() -> exchange(withCsrf(this.client.post()
				.uri("/api/auth/login")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)).body(BodyInserters.fromFormData(form)), 200,
					"login")))
			// the token may change with the session: fetch the one that belongs to it
			.then(Mono.defer(this::csrf));
	}

	private Mono<Void> csrf() {
		return this.client.get().uri("/api/auth/csrf").headers(this::cookies).exchangeToMono((response) -> {
			keepCookies(response);
			if (response.statusCode().value() != 200) {
				return response.releaseBody().then(Mono.error(new IllegalStateException("csrf: HTTP " + response.statusCode().value())));
			}
			return response.bodyToMono(String.class).map((body) -> {
				JsonNode node = json.readTree(body);
				if (node.hasNonNull("headerName")) {
					this.csrfHeader = node.get("headerName").asString();
				}
				this.csrfToken = node.path("token").asString();
				return body;
			});
		}).then();
	}

	private Mono<Void> exchange(WebClient.RequestHeadersSpec<?> request, int expected, String what) {
		return request.exchangeToMono((response) -> {
			keepCookies(response);
			if (response.statusCode().value() != expected) {
				return response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.flatMap((body) -> Mono.error(new IllegalStateException(
							what + ": HTTP " + response.statusCode().value() + " " + body)));
			}
			return response.releaseBody();
		});
	}

	/** The interview, measured: start it and answer until the service says it is finished. */
	Mono<Void> interview(String bankId, int questions, Tally tally) {
		long started = System.nanoTime();
		return Mono.defer(() -> authorised(this.client.post().uri("/api/interviews"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", bankId, "questionCount", questions))
			.exchangeToMono((response) -> {
				keepCookies(response);
				if (response.statusCode().value() != 201) {
					return response.releaseBody()
						.then(Mono.error(new IllegalStateException("start: HTTP " + response.statusCode().value())));
				}
				return response.bodyToMono(String.class);
			})).flatMap((body) -> {
				tally.startInterview.add(System.nanoTime() - started);
				JsonNode interview = json.readTree(body);
				String id = interview.path("id").asString();
				JsonNode turn = interview.path("currentTurn");
				return answerFrom(id, turn.path("id").asString(), turn.path("questionText").asString(""), 0, tally);
			}).onErrorResume((ex) -> {
				tally.error("start: " + Errors.describe(ex) + " " + ex.getMessage());
				return Mono.empty();
			});
	}

	private Mono<Void> answerFrom(String interviewId, String turnId, String question, int answered, Tally tally) {
		if (turnId == null || turnId.isEmpty() || answered > 100) {
			tally.error("interview: no turn to answer");
			return Mono.empty();
		}
		AtomicReference<String> nextQuestion = new AtomicReference<>("");
		return answer(interviewId, turnId, question, answered, nextQuestion, tally).flatMap((next) -> next.isEmpty()
				? Mono.empty() : answerFrom(interviewId, next, nextQuestion.get(), answered + 1, tally));
	}

	/** Answers one turn; emits the next turn's id, or empty when the interview finished or failed. */
	private Mono<String> answer(String interviewId, String turnId, String question, int index,
			AtomicReference<String> nextQuestion, Tally tally) {
		StreamTiming timing = new StreamTiming(tally);
		AtomicReference<String> next = new AtomicReference<>();
		AtomicReference<String> outcome = new AtomicReference<>();
		long[] verdictAt = { 0 };
		SseReader reader = new SseReader((event) -> {
			switch (event.name()) {
				case "feedback" -> timing.token(event.arrivedNanos());
				case "queued" -> timing.queued(event.arrivedNanos());
				case "saved" -> tally.timeToSaved.add(event.arrivedNanos() - timing.sentNanos());
				case "verdict" -> {
					verdictAt[0] = event.arrivedNanos();
					JsonNode provenance = json.readTree(event.data()).path("verdict").path("provenance");
					tally.verdictBy(provenance.path("examiner").asString("?") + "/" + provenance.path("model").asString("?"));
					if (provenance.path("fallback").asBoolean(false)) {
						// the model path failed (e.g. no first token in time) and the offline examiner graded
						tally.fallbacks.increment();
					}
					if (timing.tokens() > 0) {
						tally.lastTokenToVerdict.add(event.arrivedNanos() - timing.lastTokenNanos());
					}
				}
				case "question" -> {
					JsonNode turn = json.readTree(event.data()).path("turn");
					if ("follow-up".equals(turn.path("kind").asString())) {
						tally.followUps.increment();
					}
					next.set(turn.path("id").asString());
					nextQuestion.set(turn.path("questionText").asString(""));
					outcome.compareAndSet(null, "question");
				}
				case "finished" -> outcome.compareAndSet(null, "finished");
				case "error" -> outcome.set("error: " + abbreviate(json.readTree(event.data()).path("message").asString()));
				default -> {
				}
			}
		});
		return Think.pause().then(Mono.defer(() -> {
			this.answeredTurns.add(interviewId + "/" + turnId);
			tally.answersSent.increment();
			timing.sent();
			return authorised(this.client.post().uri("/api/interviews/{id}/turns/{turn}/answer", interviewId, turnId))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(Map.of("text", Prompts.answer(question, index), "inputMode", "text"))
				.retrieve()
				.bodyToFlux(DataBuffer.class)
				.doOnNext(reader::feed)
				.then();
		}).timeout(this.answerTimeout)).then(Mono.fromSupplier(() -> {
			String result = outcome.get();
			if (result == null) {
				tally.error("answer: stream ended without question/finished");
				return "";
			}
			if (result.startsWith("error")) {
				tally.error("answer: " + result);
				return "";
			}
			if (verdictAt[0] == 0) {
				tally.error("answer: no verdict event");
			}
			else {
				tally.answersGraded.increment();
			}
			if (timing.tokens() == 0) {
				tally.error("answer: no feedback tokens");
			}
			timing.finished();
			return "question".equals(result) ? next.get() : "";
		})).onErrorResume((ex) -> {
			tally.error("answer: " + Errors.describe(ex));
			return Mono.just("");
		});
	}

	private static String abbreviate(String message) {
		return (message.length() > 60) ? message.substring(0, 60) : message;
	}

	/** A POST signed in the way this candidate signs in (session cookie and CSRF token, or HTTP Basic). */
	RequestBodySpec post(String uri, Object... variables) {
		return authorised(this.client.post().uri(uri, variables));
	}

	private RequestBodySpec authorised(RequestBodySpec request) {
		if (this.basic) {
			return request.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
				.encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8)));
		}
		return withCsrf(request);
	}

	private RequestBodySpec withCsrf(RequestBodySpec request) {
		request.headers(this::cookies);
		if (this.csrfToken != null) {
			request.header(this.csrfHeader, this.csrfToken);
		}
		return request;
	}

	private void cookies(HttpHeaders headers) {
		if (!this.cookies.isEmpty()) {
			StringBuilder cookie = new StringBuilder();
			this.cookies.forEach((name, value) -> cookie.append((cookie.length() > 0) ? "; " : "")
				.append(name)
				.append('=')
				.append(value));
			headers.set(HttpHeaders.COOKIE, cookie.toString());
		}
	}

	private void keepCookies(ClientResponse response) {
		for (List<ResponseCookie> values : response.cookies().values()) {
			for (ResponseCookie cookie : values) {
				if (cookie.getValue().isEmpty() || cookie.getMaxAge().isZero()) {
					this.cookies.remove(cookie.getName());
				}
				else {
					this.cookies.put(cookie.getName(), cookie.getValue());
				}
			}
		}
	}

}
