package dev.rehearse.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One candidate's gradings sent straight to the fake model server, as the service would send them:
 * the lower bound for everything the service adds.
 */
final class DirectClient {

	private final WebClient client;

	private final Tally tally;

	private final Duration answerTimeout;

	DirectClient(WebClient client, Tally tally, Duration answerTimeout) {
		this.client = client;
		this.tally = tally;
		this.answerTimeout = answerTimeout;
	}

	/** K gradings one after the other, like one candidate answering K questions. */
	Mono<Void> run(int candidate, int questions) {
		Mono<Void> chain = Mono.empty();
		for (int q = 0; q < questions; q++) {
			int question = q;
			chain = chain.then(Think.pause()).then(Mono.defer(() -> grade(candidate, question)));
		}
		return chain;
	}

	private Mono<Void> grade(int candidate, int question) {
		Map<String, Object> body = Map.of("model", "bench-model", "stream", true, "stream_options",
				Map.of("include_usage", true), "temperature", 0.2, "messages",
				List.of(Map.of("role", "system", "content", Prompts.SYSTEM),
						Map.of("role", "user", "content", Prompts.user(candidate, question))));
		StreamTiming timing = new StreamTiming(this.tally);
		this.tally.answersSent.increment();
		SseReader reader = new SseReader((event) -> {
			if (!"[DONE]".equals(event.data()) && hasContent(event.data())) {
				timing.token(event.arrivedNanos());
			}
		});
		return Mono.defer(() -> {
			timing.sent();
			return this.client.post()
				.uri("/v1/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(body)
				.retrieve()
				.bodyToFlux(DataBuffer.class)
				.doOnNext(reader::feed)
				.then();
		}).timeout(this.answerTimeout).doOnSuccess((v) -> {
			if (timing.tokens() == 0) {
				this.tally.error("direct: no tokens");
			}
			else {
				timing.finished();
				this.tally.answersGraded.increment();
			}
		}).onErrorResume((ex) -> {
			this.tally.error("direct: " + Errors.describe(ex));
			return Mono.empty();
		});
	}

	/** A chunk carries text when its delta has a non-empty {@code content} string. */
	static boolean hasContent(String json) {
		int at = json.indexOf("\"content\"");
		if (at < 0) {
			return false;
		}
		int i = at + 9;
		while (i < json.length() && (json.charAt(i) == ' ' || json.charAt(i) == ':')) {
			i++;
		}
		return i + 1 < json.length() && json.charAt(i) == '"' && json.charAt(i + 1) != '"';
	}

}
