package dev.rehearse.bench;

import java.util.concurrent.TimeoutException;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/** Short, groupable names for what went wrong, for the error counts in the JSON line. */
final class Errors {

	private Errors() {
	}

	static String describe(Throwable ex) {
		if (ex instanceof WebClientResponseException response) {
			return "HTTP " + response.getStatusCode().value();
		}
		if (ex instanceof TimeoutException) {
			return "timeout";
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

}
