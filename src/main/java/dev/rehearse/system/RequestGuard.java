package dev.rehearse.system;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses text no part of the service can store or compare before any of it runs: NUL and other
 * control characters, invalid UTF-8 and lone surrogates in the path, query parameters, headers,
 * HTTP Basic credentials and form fields (a 400 naming the field, a 401 for credentials); form
 * bodies over the codec limit (413); and a sign-in that is not a form post (415). It runs before
 * Spring Security, whose login and Basic filters would otherwise hand such text to PostgreSQL.
 * Each refusal is one log line, without the offending value.
 * <p>
 * JSON bodies are checked where they are read, see {@link StrictJsonConfiguration}.
 */
@Component
@Order(RequestGuard.ORDER)
class RequestGuard implements WebFilter {

	/** Ahead of Spring Security's filter chain (-100). */
	static final int ORDER = -1000;

	/** Where Spring Security's form login listens ({@code SecurityConfiguration}). */
	static final String LOGIN_PATH = "/api/auth/login";

	private static final Logger logger = LoggerFactory.getLogger(RequestGuard.class);

	private static final String NOT_ALLOWED = "validation.forbidden-character";

	private final ProblemResponses problems;

	private final DataSize maxBodySize;

	RequestGuard(ProblemResponses problems,
			@Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBodySize) {
		this.problems = problems;
		this.maxBodySize = maxBodySize;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Optional<ApiProblem> refused = checkPath(request).or(() -> checkQuery(request))
			.or(() -> checkHeaders(request))
			.or(() -> checkBasicCredentials(request));
		if (refused.isPresent()) {
			return refuse(exchange, refused.get());
		}
		MediaType contentType = request.getHeaders().getContentType();
		boolean form = contentType != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType);
		if (isLogin(request) && !form) {
			return refuse(exchange, ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.login.form-only"));
		}
		if (!form) {
			return chain.filter(exchange);
		}
		// the form is read once and cached by the exchange, for Spring Security's login filter too
		return exchange.getFormData()
			.map((fields) -> checkForm(fields, isLogin(request)))
			.onErrorResume(RequestGuard::tooLarge,
					(ex) -> Mono.just(Optional.of(ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "error.body.too-large",
							this.maxBodySize.toKilobytes()))))
			.onErrorResume(IllegalArgumentException.class,
					(ex) -> Mono.just(Optional.of(ApiProblem.invalid("form", "validation.malformed-escape"))))
			.flatMap((problem) -> problem.isPresent() ? refuse(exchange, problem.get()) : chain.filter(exchange));
	}

	private static boolean isLogin(ServerHttpRequest request) {
		return HttpMethod.POST.equals(request.getMethod()) && LOGIN_PATH.equals(request.getPath().value());
	}

	private static boolean tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

	private Mono<Void> refuse(ServerWebExchange exchange, ApiProblem problem) {
		ServerHttpRequest request = exchange.getRequest();
		String what = problem.errors().isEmpty() ? problem.getDetailMessageCode()
				: problem.errors().stream().map(ApiProblem.FieldMessage::field).reduce((a, b) -> a + ", " + b).get();
		return Traces.log(() -> logger.warn("Refused {} {} with {}: {}", request.getMethod(),
				printable(request.getPath().value()), problem.getStatusCode().value(), printable(what)))
			.then(this.problems.write(exchange, problem));
	}

	private static Optional<ApiProblem> checkPath(ServerHttpRequest request) {
		String path = decode(request.getPath().value(), false);
		return (path == null || !allowed(path)) ? Optional.of(ApiProblem.invalid("path", NOT_ALLOWED))
				: Optional.empty();
	}

	private static Optional<ApiProblem> checkQuery(ServerHttpRequest request) {
		String query = request.getURI().getRawQuery();
		if (query == null || query.isEmpty()) {
			return Optional.empty();
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals), true);
			if (name == null || !allowed(name)) {
				return Optional.of(ApiProblem.invalid("query", NOT_ALLOWED));
			}
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1), true);
			if (value == null || !allowed(value)) {
				return Optional.of(ApiProblem.invalid(name, NOT_ALLOWED));
			}
		}
		return Optional.empty();
	}

	private static Optional<ApiProblem> checkHeaders(ServerHttpRequest request) {
		for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
			for (String value : header.getValue()) {
				if (value.chars().anyMatch((c) -> (c < 0x20 && c != '\t') || c == 0x7f)) {
					return Optional.of(ApiProblem.invalid(header.getKey(), NOT_ALLOWED));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Credentials that cannot be anyone's: a 401 here rather than a failed database lookup in
	 * Spring Security's Basic filter.
	 */
	private static Optional<ApiProblem> checkBasicCredentials(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String credentials;
		try {
			credentials = strictUtf8(Base64.getDecoder().decode(authorization.substring(6).trim()));
		}
		catch (IllegalArgumentException ex) {
			credentials = null;
		}
		if (credentials != null && allowed(credentials) && credentials.indexOf(':') > 0) {
			return Optional.empty();
		}
		ApiProblem problem = ApiProblem.of(HttpStatus.UNAUTHORIZED, "error.credentials.unreadable");
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Rehearse\"");
		return Optional.of(problem);
	}

	private static Optional<ApiProblem> checkForm(MultiValueMap<String, String> fields, boolean login) {
		for (Map.Entry<String, List<String>> field : fields.entrySet()) {
			// the form reader decodes leniently: U+FFFD stands for bytes that were not UTF-8
			boolean valid = allowed(field.getKey()) && field.getKey().indexOf('\uFFFD') < 0 && field.getValue()
				.stream()
				.allMatch((value) -> allowed(value) && value.indexOf('\uFFFD') < 0);
			if (!valid) {
				String name = allowed(field.getKey()) ? field.getKey() : "form";
				ApiProblem problem = ApiProblem.invalid(name, NOT_ALLOWED);
				return Optional.of(login ? credentialsRefused(name) : problem);
			}
		}
		return Optional.empty();
	}

	private static ApiProblem credentialsRefused(String field) {
		return ApiProblem.of(HttpStatus.UNAUTHORIZED, "error.credentials.forbidden-character", field);
	}

	/**
	 * Text every part of the service can keep: no NUL or other control character but tab and line
	 * breaks (PostgreSQL refuses NUL in text), and no lone surrogate (it would be stored as '?').
	 */
	static boolean allowed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Percent-decodes as UTF-8, strictly: null for a broken escape or bytes that are not UTF-8
	 * (Spring's own decoding would quietly turn them into U+FFFD).
	 */
	static String decode(String raw, boolean plusIsSpace) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length()) {
					return null;
				}
				int high = Character.digit(raw.charAt(i + 1), 16);
				int low = Character.digit(raw.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c == '+' && plusIsSpace) {
				bytes.write(' ');
			}
			else if (c <= 0xFF) {
				// the server hands over the request line's bytes one character each
				bytes.write(c);
			}
			else {
				return null;
			}
		}
		return strictUtf8(bytes.toByteArray());
	}

	private static String strictUtf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/** Safe to log: control characters escaped, and short. */
	static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().limit(200).forEach((c) -> {
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate((char) c) && c <= 0xFFFF) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return (text.length() > 200) ? out + "…" : out.toString();
	}

}
