package dev.rehearse.examiner;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Failures of an Ollama server ({@link OllamaProvider}), as Spring AI's Ollama client reports
 * them: WebClient exceptions for streams, RestClient ones for single calls (Spring AI's own
 * transient and non-transient exceptions are read by {@link ModelFailures} for every provider). Ollama answers 503 when its queue is full
 * ({@code OLLAMA_MAX_QUEUE}) and 500 when a model runner crashed or ran out of memory, both
 * worth another try; 404 (model not pulled) and 400 are not. It sends no {@code Retry-After}
 * of its own, but a proxy in front of it may.
 */
final class OllamaFailureRules implements ModelFailureRules {

	@Override
	public String provider() {
		return "ollama";
	}

	@Override
	public Optional<Integer> status(Throwable failure) {
		// A 200 whose body then failed (a cut stream) is judged by its cause, not by its status.
		if (failure instanceof WebClientResponseException response && response.getStatusCode().isError()) {
			return Optional.of(response.getStatusCode().value());
		}
		if (failure instanceof RestClientResponseException response) {
			return Optional.of(response.getStatusCode().value());
		}
		return Optional.empty();
	}

	@Override
	public Optional<String> retryAfter(Throwable failure) {
		HttpHeaders headers = (failure instanceof WebClientResponseException response) ? response.getHeaders()
				: (failure instanceof RestClientResponseException response) ? response.getResponseHeaders() : null;
		return (headers != null) ? Optional.ofNullable(headers.getFirst(HttpHeaders.RETRY_AFTER)) : Optional.empty();
	}

	@Override
	public boolean connectionFailure(Throwable failure) {
		return failure instanceof WebClientRequestException || failure instanceof ResourceAccessException;
	}

	@Override
	public boolean retryable(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

}
