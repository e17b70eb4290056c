package dev.rehearse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake OpenAI-compatible audio server on loopback for tests and the voice benchmark.
 * {@code POST /v1/audio/transcriptions} reads the multipart upload and answers with scripted text
 * in the requested {@code response_format}: {@code json} ({@code {"text"}}) or {@code verbose_json}
 * with the duration, the language and segments, shaped as OpenAI's Whisper or as faster-whisper
 * (speaches) write them. {@code POST /v1/audio/speech} answers with a short valid audio file: MP3
 * frames, or a WAV when asked for one. Each request takes the next scripted {@link Reply} of its
 * endpoint (or the default), so a test can make the server fail (500), rate-limit (429 with
 * {@code Retry-After}), stall or answer slowly; {@link #refusedUrl()} names a port nobody listens
 * on. Every request is recorded.
 * <p>
 * A JDK {@code HttpServer} with a thread per request: uploads and audio are small, and a fixed
 * {@link Reply#delay} holds one thread, which is fine for the few hundred concurrent requests of a
 * benchmark.
 */
public final class FakeAudioServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fake-audio");
		thread.setDaemon(true);
		return thread;
	});

	private final Queue<Reply> transcriptions = new ConcurrentLinkedQueue<>();

	private final Queue<Reply> speeches = new ConcurrentLinkedQueue<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger count = new AtomicInteger();

	private volatile Reply defaultTranscription = Reply.transcript("Hello");

	private volatile Reply defaultSpeech = Reply.audio();

	private volatile boolean recording = true;

	private FakeAudioServer(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1000);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the fake audio server", ex);
		}
		this.server.createContext("/v1/audio/transcriptions", (exchange) -> handle(exchange, true));
		this.server.createContext("/v1/audio/speech", (exchange) -> handle(exchange, false));
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/** Starts a server on a free loopback port. */
	public static FakeAudioServer start() {
		return new FakeAudioServer(0);
	}

	/** Starts a server on the given loopback port ({@code 0} for any free one). */
	public static FakeAudioServer start(int port) {
		return new FakeAudioServer(port);
	}

	/**
	 * Runs a server standalone for the voice benchmark: {@code port transcriptionDelayMs speechDelayMs}.
	 * Every transcription is the same spoken answer (four segments, one long pause), after the delay;
	 * every speech request gets the short MP3, after its delay.
	 */
	public static void main(String[] args) {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		long transcriptionDelay = (args.length > 1) ? Long.parseLong(args[1]) : 300;
		long speechDelay = (args.length > 2) ? Long.parseLong(args[2]) : 150;
		FakeAudioServer server = start(port).recording(false)
			.defaultTranscription(Reply
				.transcript("Um, entries live in buckets chosen by the hash. Collisions chain in a list, and the "
						+ "table doubles past the load factor.", new Segment(0.3, 2.1, " Um, entries live in buckets"),
						new Segment(2.2, 3.4, " chosen by the hash."), new Segment(5.8, 7.9, " Collisions chain in a list,"),
						new Segment(8.0, 9.6, " and the table doubles past the load factor."))
				.delayed(Duration.ofMillis(transcriptionDelay)));
		server.defaultSpeech(Reply.audio().delayed(Duration.ofMillis(speechDelay)));
		System.out.println("LISTENING " + server.server.getAddress().getPort() + " " + server.baseUrl());
		System.out.flush();
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		try {
			new java.util.concurrent.CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The base URL for {@code spring.ai.openai.audio.*.base-url}: includes {@code /v1}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/** A base URL on a loopback port where nothing listens: every connection is refused. */
	public static String refusedUrl() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public FakeAudioServer defaultTranscription(Reply reply) {
		this.defaultTranscription = reply;
		return this;
	}

	public FakeAudioServer defaultSpeech(Reply reply) {
		this.defaultSpeech = reply;
		return this;
	}

	/** Queues replies for the next transcription requests, in order. */
	public FakeAudioServer enqueueTranscriptions(Reply... replies) {
		Collections.addAll(this.transcriptions, replies);
		return this;
	}

	/** Queues replies for the next speech requests, in order. */
	public FakeAudioServer enqueueSpeeches(Reply... replies) {
		Collections.addAll(this.speeches, replies);
		return this;
	}

	/** Whether to keep each request (on by default; off for benchmark runs). */
	public FakeAudioServer recording(boolean recording) {
		this.recording = recording;
		return this;
	}

	public List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	public int requestCount() {
		return this.count.get();
	}

	/** Forgets requests and scripts, and restores the default replies. */
	public void reset() {
		this.requests.clear();
		this.count.set(0);
		this.transcriptions.clear();
		this.speeches.clear();
		this.defaultTranscription = Reply.transcript("Hello");
		this.defaultSpeech = Reply.audio();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private void handle(HttpExchange exchange, boolean transcription) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.count.incrementAndGet();
			Recorded recorded = transcription
					? multipart(exchange.getRequestHeaders().getFirst("Content-Type"), body)
					: speechRequest(body);
			if (this.recording) {
				this.requests.add(recorded);
			}
			Reply reply = transcription ? next(this.transcriptions, this.defaultTranscription)
					: next(this.speeches, this.defaultSpeech);
			sleep(reply.delay());
			if (reply.status() == 0) {
				// hang up without an answer, like a server that dies mid-request
				throw new IOException("scripted disconnect");
			}
			if (reply.status() == 429 && reply.retryAfter() != null) {
				exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
			}
			if (reply.status() != 200) {
				send(exchange, reply.status(), "application/json",
						("{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"code\":null}}")
							.getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (transcription) {
				String format = recorded.fields().getOrDefault("response_format", "json");
				send(exchange, 200, "application/json", transcriptionBody(reply, format, recorded.fields().get("language")));
			}
			else {
				String format = recorded.fields().getOrDefault("response_format", "mp3");
				boolean wav = "wav".equals(format);
				send(exchange, 200, wav ? "audio/wav" : "audio/mpeg", wav ? wav(0.2) : mp3(4));
			}
		}
	}

	private static Reply next(Queue<Reply> script, Reply fallback) {
		Reply reply = script.poll();
		return (reply != null) ? reply : fallback;
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] transcriptionBody(Reply reply, String format, String language) {
		ObjectNode body = json.createObjectNode();
		if (!"verbose_json".equals(format) || reply.style() == Style.TEXT_ONLY) {
			body.put("text", reply.text());
			return json.writeValueAsBytes(body);
		}
		String spoken = "en".equals(language) ? "english" : "zh".equals(language) ? "chinese"
				: (language != null) ? language : "english";
		double duration = reply.duration() != null ? reply.duration()
				: reply.segments().isEmpty() ? 1.0 : reply.segments().get(reply.segments().size() - 1).end() + 0.5;
		body.put("task", "transcribe");
		body.put("language", spoken);
		body.put("duration", duration);
		body.put("text", reply.text());
		ArrayNode segments = body.putArray("segments");
		int id = 0;
		for (Segment segment : reply.segments()) {
			ObjectNode node = segments.addObject();
			node.put("id", id++);
			node.put("seek", 0);
			node.put("start", segment.start());
			node.put("end", segment.end());
			node.put("text", segment.text());
			node.putArray("tokens").add(50364).add(2425);
			node.put("temperature", 0.0);
			node.put("avg_logprob", -0.25);
			node.put("compression_ratio", 1.2);
			node.put("no_speech_prob", 0.01);
			if (reply.style() == Style.FASTER_WHISPER) {
				// faster-whisper (speaches) also writes each segment's words, null unless asked for
				node.putNull("words");
			}
		}
		if (reply.style() == Style.FASTER_WHISPER) {
			body.putNull("words");
		}
		else {
			body.putObject("usage").put("type", "duration").put("seconds", (int) Math.ceil(duration));
		}
		return json.writeValueAsBytes(body);
	}

	private static Recorded speechRequest(byte[] body) {
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			JsonNode request = json.readTree(body);
			request.properties().forEach((entry) -> fields.put(entry.getKey(), entry.getValue().asString()));
		}
		catch (RuntimeException ex) {
			fields.put("unreadable", "true");
		}
		return new Recorded("/v1/audio/speech", fields, null, null, null);
	}

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

	private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");

	private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

	/** Reads a multipart upload: the form fields, and the file with its name and type. */
	private static Recorded multipart(String contentType, byte[] body) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher boundaryMatch = BOUNDARY.matcher(String.valueOf(contentType));
		if (!boundaryMatch.find()) {
			return new Recorded("/v1/audio/transcriptions", fields, null, null, null);
		}
		byte[] delimiter = ("--" + boundaryMatch.group(1)).getBytes(StandardCharsets.ISO_8859_1);
		byte[] file = null;
		String fileName = null;
		String fileType = null;
		int at = indexOf(body, delimiter, 0);
		while (at >= 0) {
			int start = at + delimiter.length;
			if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
				break;
			}
			start += 2;
			int next = indexOf(body, delimiter, start);
			if (next < 0) {
				break;
			}
			int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
			String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
			byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2);
			Matcher name = NAME.matcher(headers);
			Matcher filename = FILENAME.matcher(headers);
			if (filename.find()) {
				file = content;
				fileName = filename.group(1);
				for (String line : headers.split("\r\n")) {
					if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
						fileType = line.substring(13).strip();
					}
				}
			}
			else if (name.find()) {
				fields.merge(name.group(1), new String(content, StandardCharsets.UTF_8), (a, b) -> a + "," + b);
			}
			at = next;
		}
		return new Recorded("/v1/audio/transcriptions", fields, file, fileName, fileType);
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * A short valid MP3: {@code frames} silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono),
	 * each a header and side information of zeros, which decoders play as silence.
	 */
	public static byte[] mp3(int frames) {
		int frameLength = 144 * 128_000 / 44_100;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < frames; i++) {
			byte[] frame = new byte[frameLength];
			frame[0] = (byte) 0xFF;
			frame[1] = (byte) 0xFB;
			frame[2] = (byte) 0x90;
			frame[3] = (byte) 0xC4;
			out.writeBytes(frame);
		}
		return out.toByteArray();
	}

	/** A valid 16 kHz mono 16-bit WAV of {@code seconds} of a quiet tone. */
	public static byte[] wav(double seconds) {
		int rate = 16_000;
		int samples = (int) (rate * seconds);
		ByteBuffer buffer = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
		buffer.put("WAVE".getBytes(StandardCharsets.US_ASCII));
		buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1);
		buffer.putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
		buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
		for (int i = 0; i < samples; i++) {
			buffer.putShort((short) (Math.sin(2 * Math.PI * 220 * i / rate) * 2000));
		}
		return buffer.array();
	}

	/** The first bytes of a WebM file as MediaRecorder writes it (the EBML header), then filler. */
	public static byte[] webm(int size) {
		byte[] audio = new byte[Math.max(size, 8)];
		audio[0] = 0x1A;
		audio[1] = 0x45;
		audio[2] = (byte) 0xDF;
		audio[3] = (byte) 0xA3;
		return audio;
	}

	/** How a verbose transcription is shaped. */
	public enum Style {

		/** OpenAI's Whisper API: segments, and the billed {@code usage}. */
		OPENAI,

		/** faster-whisper (speaches, faster-whisper-server): segments with {@code words}, no usage. */
		FASTER_WHISPER,

		/** A server that answers {@code verbose_json} with only {@code {"text"}} (as json). */
		TEXT_ONLY

	}

	/**
	 * A stretch of speech in a scripted transcript.
	 *
	 * @param start its start, in seconds
	 * @param end its end
	 * @param text what was said
	 */
	public record Segment(double start, double end, String text) {
	}

	/**
	 * What the server answers one request with.
	 *
	 * @param status the HTTP status (200 for an answer)
	 * @param retryAfter the {@code Retry-After} of a 429, or null
	 * @param delay how long to wait before answering
	 * @param text the transcript
	 * @param segments its segments (verbose_json)
	 * @param duration the recording's duration (verbose_json); null: after the last segment
	 * @param style the shape of a verbose transcription
	 */
	public record Reply(int status, String retryAfter, Duration delay, String text, List<Segment> segments,
			Double duration, Style style) {

		public static Reply transcript(String text, Segment... segments) {
			return new Reply(200, null, Duration.ZERO, text, List.of(segments), null, Style.OPENAI);
		}

		public static Reply audio() {
			return new Reply(200, null, Duration.ZERO, "", List.of(), null, Style.OPENAI);
		}

		public static Reply status(int status) {
			return new Reply(status, null, Duration.ZERO, "", List.of(), null, Style.OPENAI);
		}

		/** The connection is closed without an answer. */
		public static Reply disconnect() {
			return new Reply(0, null, Duration.ZERO, "", List.of(), null, Style.OPENAI);
		}

		public static Reply rateLimited(String retryAfter) {
			return new Reply(429, retryAfter, Duration.ZERO, "", List.of(), null, Style.OPENAI);
		}

		/** A reply that comes only after {@code delay} (a stall, past the client's timeout). */
		public Reply delayed(Duration delay) {
			return new Reply(this.status, this.retryAfter, delay, this.text, this.segments, this.duration, this.style);
		}

		public Reply duration(double seconds) {
			return new Reply(this.status, this.retryAfter, this.delay, this.text, this.segments, seconds, this.style);
		}

		public Reply style(Style style) {
			return new Reply(this.status, this.retryAfter, this.delay, this.text, this.segments, this.duration, style);
		}

	}

	/**
	 * One request as the server received it.
	 *
	 * @param path the endpoint
	 * @param fields form fields (transcriptions) or JSON fields (speech)
	 * @param file the uploaded file, or null
	 * @param fileName its name
	 * @param fileType its declared content type
	 */
	public record Recorded(String path, Map<String, String> fields, byte[] file, String fileName, String fileType) {

		public Recorded {
			fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
		}

	}

}
