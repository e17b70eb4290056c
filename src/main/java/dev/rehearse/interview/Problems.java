package dev.rehearse.interview;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The interview API's ProblemDetails. */
final class Problems {

	private Problems() {
	}

	static ErrorResponseException notFound(String detail) {
		return of(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	/** A 400 listing every reason as {@code errors: [{field, message}]}. */
	static ErrorResponseException invalid(List<Map<String, String>> errors) {
		ErrorResponseException ex = of(HttpStatus.BAD_REQUEST, "Invalid request",
				String.join("; ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList()));
		ex.getBody().setProperty("errors", errors);
		return ex;
	}

	static ErrorResponseException of(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
