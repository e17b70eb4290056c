package dev.rehearse.examiner;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Failures of an OpenAI-compatible server ({@link OpenAiProvider}), as its WebClient reports
 * them ({@link OpenAiCompatibleChatModel}): a response status, or no response. Retried like OpenAI's own
 * SDKs retry: 408, 409 (a concurrent request on the same resource), 429 and every 5xx; a 400,
 * 401, 403, 404 or 422 fails the same way again. The wait comes from {@code retry-after-ms}
 * (OpenAI and Azure OpenAI send it, in milliseconds) before {@code Retry-After} (seconds or an
 * HTTP date; DeepSeek, vLLM and most gateways).
 */
final class OpenAiFailureRules implements ModelFailureRules {

	@Override
	public String provider() {
		return "openai";
	}

	@Override
	public Optional<Integer> status(Throwable failure) {
		// A 200 whose body then failed (a cut stream) is judged by its cause, not by its status.
		return (failure instanceof WebClientResponseException response && response.getStatusCode().isError())
				? Optional.of(response.getStatusCode().value()) : Optional.empty();
	}

	@Override
	public Optional<String> retryAfter(Throwable failure) {
		if (!(failure instanceof WebClientResponseException response)) {
			return Optional.empty();
		}
		String millis = response.getHeaders().getFirst("retry-after-ms");
		if (millis != null) {
			try {
				return Optional.of(Double.toString(Double.parseDouble(millis.strip()) / 1000));
			}
			catch (NumberFormatException ex) {
				// not a number: Retry-After decides
			}
		}
		return Optional.ofNullable(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
	}

	@Override
	public boolean connectionFailure(Throwable failure) {
		return failure instanceof WebClientRequestException;
	}

	@Override
	public boolean retryable(int status) {
		return status == 408 || status == 409 || status == 429 || status >= 500;
	}

}
