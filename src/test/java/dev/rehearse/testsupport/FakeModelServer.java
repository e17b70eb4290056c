package dev.rehearse.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake OpenAI-compatible model server on loopback for tests and the load benchmark (it also
 * answers Ollama's native {@code POST /api/chat}, same scripting, newline-delimited JSON).
 * {@code POST /v1/chat/completions} answers {@code "stream":true} requests with SSE chunks
 * ({@code data: {"choices":[{"delta":{"content":...}}]}} … a usage chunk … {@code data: [DONE]}),
 * one token at a time with a configurable delay, and other requests with one completion. Each
 * request takes the next scripted {@link Reply} (or the default one), so a test can make the
 * model fail, rate-limit, stall, cut its stream or write any text (also as a function of the
 * request). Like real servers it can stream reasoning apart from the content
 * ({@link Reply#reasoning}: DeepSeek's {@code reasoning_content} deltas, Ollama's {@code thinking})
 * and dress a reply the way reasoning and small models do ({@link Styles}). Every request is
 * recorded.
 * <p>
 * Built on Reactor Netty, already on the classpath: non-blocking, so one process holds thousands
 * of slow concurrent streams on a few event-loop threads (a JDK {@code HttpServer} would need a
 * thread per open stream, and MockWebServer serves one scripted response per connection
 * thread). Run {@link #main(String[])} to start it standalone.
 */
public final class FakeModelServer implements AutoCloseable {

	/** The verdict marker when a request names none (the examiner's prompts carry a per-request one). */
	public static final String VERDICT_MARKER = "<<<VERDICT>>>";

	private static final java.util.regex.Pattern MARKER = java.util.regex.Pattern.compile("<<<VERDICT [0-9a-f]+>>>");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger requestCount = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong();

	private volatile Reply defaultReply = Reply.text("OK");

	private volatile boolean recording = true;

	private volatile boolean headersWithFirstToken;

	private final int port;

	private volatile DisposableServer server;

	private FakeModelServer(int port) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> handle(request, response, false))
				.post("/api/chat", (request, response) -> handle(request, response, true)))
			.bindNow(Duration.ofSeconds(10));
		this.port = this.server.port();
	}

	/** Starts a server on a free loopback port. */
	public static FakeModelServer start() {
		return new FakeModelServer(0);
	}

	/** Starts a server on the given loopback port ({@code 0} for any free one). */
	public static FakeModelServer start(int port) {
		return new FakeModelServer(port);
	}

	/** The base URL for {@code spring.ai.ollama.base-url} (Ollama's native API): no {@code /v1}. */
	public String ollamaBaseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The base URL to configure as {@code spring.ai.openai.base-url}: includes {@code /v1}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port + "/v1";
	}

	public int port() {
		return this.port;
	}

	/** Uses this reply for every request that finds no scripted reply left. */
	public FakeModelServer defaultReply(Reply reply) {
		this.defaultReply = reply;
		return this;
	}

	/** Queues replies for the next requests, in order. */
	public FakeModelServer enqueue(Reply... replies) {
		Collections.addAll(this.script, replies);
		return this;
	}

	/**
	 * Whether a stream's status line and headers wait for its first token (off by default: they go
	 * out at once and only the body waits), as from a server that queues requests before answering.
	 */
	public FakeModelServer headersWithFirstToken(boolean headersWithFirstToken) {
		this.headersWithFirstToken = headersWithFirstToken;
		return this;
	}

	/** Whether to keep each request (on by default; off for load runs). */
	public FakeModelServer recording(boolean recording) {
		this.recording = recording;
		return this;
	}

	/** The requests received so far, oldest first (when recording). */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** How many requests arrived, recorded or not. */
	public int requestCount() {
		return this.requestCount.get();
	}

	/** Forgets the recorded requests, the count and the script (the default reply stays). */
	public void reset() {
		this.requests.clear();
		this.requestCount.set(0);
		this.script.clear();
	}

	/**
	 * Stops listening. The {@link #baseUrl()} then refuses connections (nothing else binds
	 * that port meanwhile in a test run, which picks ports from the ephemeral range).
	 */
	@Override
	public void close() {
		DisposableServer current = this.server;
		if (current != null) {
			current.disposeNow(Duration.ofSeconds(5));
			this.server = null;
		}
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response, boolean ollama) {
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
			RecordedRequest recorded = RecordedRequest.parse(this.requestCount.incrementAndGet(), body,
					request.requestHeaders().get("Authorization"), request.requestHeaders().get("traceparent"));
			if (this.recording) {
				this.requests.add(recorded);
			}
			Reply reply = this.script.poll();
			if (reply == null) {
				reply = this.defaultReply;
			}
			return ollama ? respondOllama(reply, recorded, response) : respond(reply, recorded, response);
		});
	}

	/** Ollama's native protocol: newline-delimited JSON objects, the last one {@code "done": true}. */
	private Mono<Void> respondOllama(Reply reply, RecordedRequest request, HttpServerResponse response) {
		String model = (request.model() != null) ? request.model() : "fake-model";
		if (reply.status != 200) {
			response.status(reply.status).header("Content-Type", "application/json");
			reply.headers.forEach(response::header);
			return Mono.delay(reply.firstTokenDelay)
				.then(response.sendString(Mono.just("{\"error\":\"fake failure " + reply.status + "\"}")).then());
		}
		List<String> tokens = tokens(reply.text.apply(request));
		List<Piece> pieces = pieces(reply, request, tokens);
		boolean cut = reply.cutAfterTokens >= 0 && reply.cutAfterTokens < pieces.size();
		List<Piece> sent = cut ? pieces.subList(0, reply.cutAfterTokens) : pieces;
		Flux<String> body = Flux.fromIterable(sent).index().concatMap((token) -> {
			Piece piece = token.getT2();
			String line = (piece.reasoning() ? ollamaLine(model, "", piece.text(), false)
					: ollamaLine(model, piece.text(), null, false)) + "\n";
			Duration delay = (token.getT1() == 0) ? reply.firstTokenDelay : reply.tokenDelay;
			return delay.isZero() ? Mono.just(line) : Mono.delay(delay).thenReturn(line);
		});
		if (sent.isEmpty() && !reply.firstTokenDelay.isZero()) {
			body = Mono.delay(reply.firstTokenDelay).thenMany(body);
		}
		response.header("Content-Type", "application/x-ndjson");
		if (cut) {
			return response.sendString(body).then().then(Mono.fromRunnable(() -> response.withConnection(
					(connection) -> connection.channel().close())));
		}
		if (!request.stream()) {
			return response.header("Content-Type", "application/json")
				.sendString(Mono.delay(reply.firstTokenDelay).map((ignored) -> ollamaLine(model, String.join("", tokens),
						reply.reasoning.apply(request).isEmpty() ? null : reply.reasoning.apply(request), true)))
				.then();
		}
		return response.sendString(body.concatWith(Mono.fromSupplier(() -> ollamaLine(model, "", null, true) + "\n"))).then();
	}

	/** One line of Ollama's stream; {@code thinking} (reasoning, sent apart from the content) may be null. */
	private static String ollamaLine(String model, String content, String thinking, boolean done) {
		StringBuilder line = new StringBuilder("{\"model\":");
		quote(line, model).append(",\"created_at\":\"").append(java.time.Instant.now()).append("\",\"message\":{\"role\":\"assistant\",\"content\":");
		quote(line, content);
		if (thinking != null) {
			quote(line.append(",\"thinking\":"), thinking);
		}
		line.append("},\"done\":").append(done);
		if (done) {
			line.append(",\"done_reason\":\"stop\",\"total_duration\":1000,\"prompt_eval_count\":10,\"eval_count\":10");
		}
		return line.append('}').toString();
	}

	private Mono<Void> respond(Reply reply, RecordedRequest request, HttpServerResponse response) {
		if (reply.status != 200) {
			response.status(reply.status).header("Content-Type", "application/json");
			reply.headers.forEach(response::header);
			String error = "{\"error\":{\"message\":\"fake failure " + reply.status
					+ "\",\"type\":\"server_error\",\"code\":null}}";
			return Mono.delay(reply.firstTokenDelay).then(response.sendString(Mono.just(error)).then());
		}
		String text = reply.text.apply(request);
		String id = "chatcmpl-fake-" + this.ids.incrementAndGet();
		if (!request.stream()) {
			response.header("Content-Type", "application/json");
			return Mono.delay(reply.firstTokenDelay)
				.then(response.sendString(Mono.just(completion(id, request.model(), text, reply.reasoningField,
						reply.reasoning.apply(request)))).then());
		}
		List<String> tokens = tokens(text);
		List<Piece> pieces = pieces(reply, request, tokens);
		boolean cut = reply.cutAfterTokens >= 0 && reply.cutAfterTokens < pieces.size();
		List<Piece> sent = cut ? pieces.subList(0, reply.cutAfterTokens) : pieces;
		Flux<String> body = Flux.fromIterable(sent).index().concatMap((token) -> {
			Piece piece = token.getT2();
			String chunk = sse(piece.reasoning() ? reasoningChunk(id, request.model(), reply.reasoningField, piece.text())
					: chunk(id, request.model(), piece.text(), null));
			Duration delay = (token.getT1() == 0) ? reply.firstTokenDelay : reply.tokenDelay;
			return delay.isZero() ? Mono.just(chunk) : Mono.delay(delay).thenReturn(chunk);
		});
		if (sent.isEmpty() && !reply.firstTokenDelay.isZero()) {
			body = Mono.delay(reply.firstTokenDelay).thenMany(body);
		}
		response.header("Content-Type", "text/event-stream").header("Cache-Control", "no-cache");
		if (cut) {
			// The model dies mid-answer: the connection closes without the end of the chunked body.
			return response.sendString(body).then().then(Mono.fromRunnable(() -> response.withConnection(
					(connection) -> connection.channel().close())));
		}
		Flux<String> tail = Flux.just(sse(chunk(id, request.model(), null, "stop")),
				sse(usage(id, request.model(), request.promptLength(), tokens.size())), "data: [DONE]\n\n");
		if (this.headersWithFirstToken && !reply.firstTokenDelay.isZero()) {
			// Status line and headers go out only with the first token, as from a server that queues requests.
			return body.concatWith(tail)
				.switchOnFirst((first, whole) -> response.sendString(whole).then())
				.then();
		}
		return response.sendString(body.concatWith(tail)).then();
	}

	/** The pieces a reply streams: its reasoning tokens (sent apart from the content), then its text tokens. */
	private static List<Piece> pieces(Reply reply, RecordedRequest request, List<String> tokens) {
		List<Piece> pieces = new ArrayList<>();
		tokens(reply.reasoning.apply(request)).forEach((token) -> pieces.add(new Piece(true, token)));
		tokens.forEach((token) -> pieces.add(new Piece(false, token)));
		return pieces;
	}

	private record Piece(boolean reasoning, String text) {
	}

	/** A delta carrying reasoning only, as DeepSeek streams it: {@code content} null, the reasoning in its own field. */
	private static String reasoningChunk(String id, String model, String field, String reasoning) {
		StringBuilder chunk = new StringBuilder(200);
		chunk.append("{\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\",\"created\":")
			.append(System.currentTimeMillis() / 1000).append(",\"model\":");
		quote(chunk, (model != null) ? model : "fake-model")
			.append(",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,");
		quote(chunk, field).append(':');
		return quote(chunk, reasoning).append("},\"finish_reason\":null}]}").toString();
	}

	private static String sse(String data) {
		return "data: " + data + "\n\n";
	}

	private static ObjectNode base(String id, String model, String object) {
		ObjectNode node = json.createObjectNode();
		node.put("id", id);
		node.put("object", object);
		node.put("created", System.currentTimeMillis() / 1000);
		node.put("model", (model != null) ? model : "fake-model");
		return node;
	}

	// Hand-built: this is the hot path under load (one chunk per token per stream).
	private static String chunk(String id, String model, String content, String finishReason) {
		StringBuilder chunk = new StringBuilder(160 + ((content != null) ? content.length() : 0));
		chunk.append("{\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\",\"created\":")
			.append(System.currentTimeMillis() / 1000).append(",\"model\":");
		quote(chunk, (model != null) ? model : "fake-model").append(",\"choices\":[{\"index\":0,\"delta\":{");
		if (content != null) {
			quote(chunk.append("\"role\":\"assistant\",\"content\":"), content);
		}
		chunk.append("},\"finish_reason\":");
		return ((finishReason != null) ? quote(chunk, finishReason) : chunk.append("null")).append("}]}").toString();
	}

	private static StringBuilder quote(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"');
	}

	private static String usage(String id, String model, int promptTokens, int completionTokens) {
		ObjectNode node = base(id, model, "chat.completion.chunk");
		node.putArray("choices");
		ObjectNode usage = node.putObject("usage");
		usage.put("prompt_tokens", promptTokens);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", promptTokens + completionTokens);
		return node.toString();
	}

	private static String completion(String id, String model, String text, String reasoningField, String reasoning) {
		ObjectNode node = base(id, model, "chat.completion");
		ObjectNode choice = node.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", text);
		if (!reasoning.isEmpty()) {
			message.put(reasoningField, reasoning);
		}
		choice.put("finish_reason", "stop");
		ObjectNode usage = node.putObject("usage");
		usage.put("prompt_tokens", 10);
		usage.put("completion_tokens", tokens(text).size());
		usage.put("total_tokens", 10 + tokens(text).size());
		return node.toString();
	}

	/** The verdict marker the request's prompt asks for, or {@link #VERDICT_MARKER} when it names none. */
	public static String verdictMarker(RecordedRequest request) {
		var matcher = MARKER.matcher(request.system() + "\n" + request.user());
		return matcher.find() ? matcher.group() : VERDICT_MARKER;
	}

	/**
	 * Splits text the way the fake streams it: each CJK character on its own, other text into
	 * words carrying their leading whitespace, newlines on their own.
	 */
	public static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		text.codePoints().forEach((cp) -> {
			boolean cjk = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
			if (cp == '\n' || cjk) {
				if (!current.isEmpty()) {
					tokens.add(current.toString());
					current.setLength(0);
				}
				tokens.add(new String(Character.toChars(cp)));
			}
			else if (Character.isWhitespace(cp) && !current.isEmpty()
					&& !Character.isWhitespace(current.codePointAt(current.length() - 1))) {
				tokens.add(current.toString());
				current.setLength(0);
				current.appendCodePoint(cp);
			}
			else {
				current.appendCodePoint(cp);
			}
		});
		if (!current.isEmpty()) {
			tokens.add(current.toString());
		}
		return tokens;
	}

	/**
	 * Runs the server standalone until killed: {@code [port] [tokens] [tokenDelayMs]} (defaults
	 * {@code 0 200 20}). Each streamed answer is that many feedback tokens, that far apart,
	 * then a valid verdict block (about ten more tokens). Prints {@code LISTENING <port> <baseUrl>} once ready.
	 */
	public static void main(String[] args) {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		int tokenCount = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		long delayMs = (args.length > 2) ? Long.parseLong(args[2]) : 20;
		StringBuilder feedback = new StringBuilder();
		for (int i = 0; i < tokenCount; i++) {
			feedback.append((i == 0) ? "" : " ").append("w").append(i);
		}
		String verdict = "{\"score\":7,\"keyPoints\":[],\"strengths\":[\"clear\"],\"improvements\":[\"depth\"]}";
		// Only gradings (their prompt asks for the verdict marker) get the long reply; the spoken
		// rephrasing of a question and a follow-up get one short line, as from a real model, so the
		// load benchmark does not stream a whole grading for every question asked.
		String line = "Could you walk me through how you would explain that in an interview?";
		FakeModelServer server = FakeModelServer.start(port)
			.recording(false)
			.defaultReply(Reply.text((request) -> MARKER.matcher(request.system() + "\n" + request.user()).find()
					? feedback + "\n" + verdictMarker(request) + "\n" + verdict : line)
				.tokenDelay(Duration.ofMillis(delayMs)));
		System.out.println("LISTENING " + server.port() + " " + server.baseUrl());
		System.out.flush();
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		server.server.onDispose().block();
	}

	/**
	 * How real models dress up a reply written the way the prompt asks (feedback, the marker
	 * line, the JSON verdict): each wraps such a reply, e.g. {@code Styles.withoutMarker(model)}.
	 */
	public static final class Styles {

		private Styles() {
		}

		/** Qwen3 / DeepSeek-R1 with raw tags: {@code <think>…</think>} inside the content first. */
		public static Function<RecordedRequest, String> thinkTagged(String reasoning,
				Function<RecordedRequest, String> reply) {
			return (request) -> "<think>\n" + reasoning + "\n</think>\n\n" + reply.apply(request);
		}

		/** QwQ / R1 distills whose chat template opened the block: reasoning, a bare {@code </think>}, the reply. */
		public static Function<RecordedRequest, String> thinkWithoutOpeningTag(String reasoning,
				Function<RecordedRequest, String> reply) {
			return (request) -> reasoning + "\n</think>\n\n" + reply.apply(request);
		}

		/** A small model that skips the marker line and ends with the bare JSON. */
		public static Function<RecordedRequest, String> withoutMarker(Function<RecordedRequest, String> reply) {
			return (request) -> {
				String[] parts = split(request, reply.apply(request));
				return parts[0] + "\n\n" + parts[1];
			};
		}

		/** A small model that skips the marker line and ends with the JSON in a {@code ```json} fence. */
		public static Function<RecordedRequest, String> fencedWithoutMarker(Function<RecordedRequest, String> reply) {
			return (request) -> {
				String[] parts = split(request, reply.apply(request));
				return parts[0] + "\n\n```json\n" + parts[1] + "\n```\n";
			};
		}

		/** A model that writes the marker, then wraps the verdict in a {@code ```json} fence. */
		public static Function<RecordedRequest, String> fencedAfterMarker(Function<RecordedRequest, String> reply) {
			return (request) -> {
				String[] parts = split(request, reply.apply(request));
				return parts[0] + "\n" + verdictMarker(request) + "\n```json\n" + parts[1] + "\n```";
			};
		}

		private static String[] split(RecordedRequest request, String text) {
			String marker = verdictMarker(request);
			int at = text.indexOf(marker);
			if (at < 0) {
				return new String[] { text.strip(), "" };
			}
			return new String[] { text.substring(0, at).strip(), text.substring(at + marker.length()).strip() };
		}

	}

	/**
	 * What the fake answers one request with. Immutable: each {@code with}-style method returns
	 * a copy.
	 */
	public static final class Reply {

		final int status;

		final Map<String, String> headers;

		final Function<RecordedRequest, String> text;

		final Duration firstTokenDelay;

		final Duration tokenDelay;

		final int cutAfterTokens;

		final Function<RecordedRequest, String> reasoning;

		final String reasoningField;

		private Reply(int status, Map<String, String> headers, Function<RecordedRequest, String> text,
				Duration firstTokenDelay, Duration tokenDelay, int cutAfterTokens) {
			this(status, headers, text, firstTokenDelay, tokenDelay, cutAfterTokens, (request) -> "",
					"reasoning_content");
		}

		private Reply(int status, Map<String, String> headers, Function<RecordedRequest, String> text,
				Duration firstTokenDelay, Duration tokenDelay, int cutAfterTokens,
				Function<RecordedRequest, String> reasoning, String reasoningField) {
			this.status = status;
			this.headers = headers;
			this.text = text;
			this.firstTokenDelay = firstTokenDelay;
			this.tokenDelay = tokenDelay;
			this.cutAfterTokens = cutAfterTokens;
			this.reasoning = reasoning;
			this.reasoningField = reasoningField;
		}

		/**
		 * Streams this reasoning first, apart from the content, the way reasoning models' servers
		 * do: DeepSeek-R1's {@code reasoning_content} deltas (content null) on the OpenAI
		 * protocol, Ollama's {@code thinking} field on its own.
		 */
		public Reply reasoning(String reasoning) {
			return new Reply(this.status, this.headers, this.text, this.firstTokenDelay, this.tokenDelay,
					this.cutAfterTokens, (request) -> reasoning, this.reasoningField);
		}

		/** The OpenAI-protocol delta field the reasoning goes in ({@code reasoning_content}, or vLLM's {@code reasoning}). */
		public Reply reasoningField(String field) {
			return new Reply(this.status, this.headers, this.text, this.firstTokenDelay, this.tokenDelay,
					this.cutAfterTokens, this.reasoning, field);
		}

		/** Streams (or answers) this text. */
		public static Reply text(String text) {
			return text((request) -> text);
		}

		/** Streams (or answers) the text this function makes of the request. */
		public static Reply text(Function<RecordedRequest, String> text) {
			return new Reply(200, Map.of(), text, Duration.ZERO, Duration.ZERO, -1);
		}

		/** Fails with this HTTP status (and an OpenAI-style error body). */
		public static Reply status(int status) {
			return new Reply(status, Map.of(), (request) -> "", Duration.ZERO, Duration.ZERO, -1);
		}

		/** Answers 429 Too Many Requests with a {@code Retry-After} in whole seconds. */
		public static Reply tooManyRequests(Duration retryAfter) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Retry-After", Long.toString(Math.max(0, retryAfter.toSeconds())));
			return new Reply(HttpResponseStatus.TOO_MANY_REQUESTS.code(), headers, (request) -> "", Duration.ZERO,
					Duration.ZERO, -1);
		}

		/** Waits this long before the first token (or before the error or whole answer). */
		public Reply firstTokenDelay(Duration delay) {
			return new Reply(this.status, this.headers, this.text, delay, this.tokenDelay, this.cutAfterTokens, this.reasoning,
					this.reasoningField);
		}

		/** Waits this long between tokens. */
		public Reply tokenDelay(Duration delay) {
			return new Reply(this.status, this.headers, this.text, this.firstTokenDelay, delay, this.cutAfterTokens, this.reasoning,
					this.reasoningField);
		}

		/** Closes the connection abruptly after this many tokens, without ending the stream. */
		public Reply cutAfter(int tokens) {
			return new Reply(this.status, this.headers, this.text, this.firstTokenDelay, this.tokenDelay, tokens, this.reasoning,
					this.reasoningField);
		}

	}

	/**
	 * One request as the fake received it.
	 *
	 * @param number 1 for the first request the server received
	 * @param body the raw JSON body
	 * @param authorization the {@code Authorization} header, or null
	 * @param stream whether the client asked for a stream
	 * @param model the requested model
	 * @param messages the chat messages, in order
	 * @param receivedNanos {@link System#nanoTime()} when the request's body had arrived
	 */
	public record RecordedRequest(int number, String body, String authorization, String traceparent, boolean stream,
			String model, List<Message> messages, long receivedNanos) {

		static RecordedRequest parse(int number, String body, String authorization, String traceparent) {
			List<Message> messages = new ArrayList<>();
			boolean stream = false;
			String model = null;
			try {
				JsonNode root = json.readTree(body);
				stream = root.path("stream").asBoolean(false);
				model = root.path("model").isMissingNode() ? null : root.path("model").asString();
				JsonNode list = root.path("messages");
				if (list instanceof ArrayNode array) {
					for (JsonNode message : array) {
						messages.add(new Message(message.path("role").asString(""), content(message.path("content"))));
					}
				}
			}
			catch (RuntimeException ex) {
				// A malformed body is recorded raw; the test looking at it will say so.
			}
			return new RecordedRequest(number, body, authorization, traceparent, stream, model, List.copyOf(messages),
					System.nanoTime());
		}

		private static String content(JsonNode content) {
			if (content.isString()) {
				return content.asString();
			}
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				text.append(part.path("text").asString(""));
			}
			return text.toString();
		}

		/** The text of all messages with this role, joined by blank lines. */
		public String text(String role) {
			return String.join("\n\n",
					this.messages.stream().filter((m) -> m.role().equals(role)).map(Message::content).toList());
		}

		/** The system prompt. */
		public String system() {
			return text("system");
		}

		/** The user prompt. */
		public String user() {
			return text("user");
		}

		int promptLength() {
			return this.messages.stream().mapToInt((m) -> m.content().length()).sum() / 4 + 1;
		}

	}

	/**
	 * One chat message of a request.
	 *
	 * @param role {@code system}, {@code user} or {@code assistant}
	 * @param content its text
	 */
	public record Message(String role, String content) {
	}

}
