package dev.rehearse.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An API error whose title, detail and field messages are message codes
 * ({@code messages*.properties}), put into the caller's language when the response is written.
 * A 400 lists every reason as {@code errors: [{field, message}]}.
 */
public class ApiProblem extends ErrorResponseException {

	private final String titleCode;

	private final String detailCode;

	private final Object[] arguments;

	private final List<FieldMessage> errors;

	private ApiProblem(HttpStatus status, String titleCode, String detailCode, Object[] arguments,
			List<FieldMessage> errors) {
		super(status, ProblemDetail.forStatusAndDetail(status, detailCode), null, detailCode, arguments);
		this.titleCode = titleCode;
		this.detailCode = detailCode;
		this.arguments = arguments;
		this.errors = List.copyOf(errors);
	}

	/** A problem with the status's usual title ({@code error.title.<status>}), for subclasses. */
	protected ApiProblem(HttpStatus status, String detailCode, Object... arguments) {
		this(status, "error.title." + status.value(), detailCode, arguments, List.of());
	}

	/** A problem with the status's usual title ({@code error.title.<status>}) and this detail. */
	public static ApiProblem of(HttpStatus status, String detailCode, Object... arguments) {
		return new ApiProblem(status, "error.title." + status.value(), detailCode, arguments, List.of());
	}

	/** A 400 that names each field and what is wrong with it. */
	public static ApiProblem invalid(List<FieldMessage> errors) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "error.title.400", "error.invalid", new Object[0], errors);
	}

	/** A 400 for one field. */
	public static ApiProblem invalid(String field, String code, Object... arguments) {
		return invalid(List.of(new FieldMessage(field, code, arguments)));
	}

	/** The same problem under another title code. */
	public ApiProblem titled(String code) {
		ApiProblem titled = new ApiProblem(HttpStatus.valueOf(getStatusCode().value()), code, this.detailCode,
				this.arguments, this.errors);
		titled.getHeaders().putAll(getHeaders());
		return titled;
	}

	/** A message code as an argument of another message, resolved in the same language. */
	public static Object message(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments, code);
	}

	/** The field messages, unresolved. */
	public List<FieldMessage> errors() {
		return this.errors;
	}

	@Override
	public String getTitleMessageCode() {
		return this.titleCode;
	}

	@Override
	public ProblemDetail updateAndGetBody(MessageSource messages, Locale locale) {
		ProblemDetail body = getBody();
		if (messages == null) {
			return body;
		}
		body.setTitle(messages.getMessage(this.titleCode, null, body.getTitle(), locale));
		if (this.errors.isEmpty()) {
			body.setDetail(messages.getMessage(this.detailCode, this.arguments, this.detailCode, locale));
			return body;
		}
		List<Map<String, String>> resolved = this.errors.stream()
			.map((error) -> Map.of("field", error.field(), "message",
					messages.getMessage(error.code(), error.arguments(), error.code(), locale)))
			.toList();
		body.setDetail(resolved.stream()
			.map((error) -> error.get("field") + " " + error.get("message"))
			.collect(Collectors.joining("; ")));
		body.setProperty("errors", resolved);
		return body;
	}

	/**
	 * What is wrong with one field.
	 *
	 * @param field the field's name as the client sent it ({@code questionIds[0]})
	 * @param code the message code
	 * @param arguments the message's arguments
	 */
	public record FieldMessage(String field, String code, Object... arguments) {

		@Override
		public boolean equals(Object other) {
			return other instanceof FieldMessage that && this.field.equals(that.field) && this.code.equals(that.code)
					&& Arrays.equals(this.arguments, that.arguments);
		}

		@Override
		public int hashCode() {
			return 31 * (31 * this.field.hashCode() + this.code.hashCode()) + Arrays.hashCode(this.arguments);
		}

		@Override
		public String toString() {
			return this.field + " " + this.code + Arrays.toString(this.arguments);
		}

	}

}
