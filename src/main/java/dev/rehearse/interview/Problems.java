package dev.rehearse.interview;

import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;

/** The interview API's ProblemDetails; their text is in {@code messages*.properties}. */
final class Problems {

	private Problems() {
	}

	static ApiProblem notFound(String code, Object... arguments) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, code, arguments);
	}

	/** A 400 for one field. */
	static ApiProblem invalid(String field, String code, Object... arguments) {
		return ApiProblem.invalid(field, code, arguments);
	}

}
