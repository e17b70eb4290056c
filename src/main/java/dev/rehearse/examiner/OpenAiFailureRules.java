package dev.rehearse.examiner;

import java.util.List;
import java.util.Optional;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;

/**
 * Failures of an OpenAI-compatible server ({@link OpenAiProvider}). Retried like OpenAI's own
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
		return (failure instanceof OpenAIServiceException service) ? Optional.of(service.statusCode()) : Optional.empty();
	}

	@Override
	public Optional<String> retryAfter(Throwable failure) {
		if (!(failure instanceof OpenAIServiceException service)) {
			return Optional.empty();
		}
		List<String> millis = service.headers().values("retry-after-ms");
		if (!millis.isEmpty()) {
			try {
				return Optional.of(Double.toString(Double.parseDouble(millis.get(0).strip()) / 1000));
			}
			catch (NumberFormatException ex) {
				// fall through to Retry-After
			}
		}
		List<String> values = service.headers().values("Retry-After");
		return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	@Override
	public boolean connectionFailure(Throwable failure) {
		return failure instanceof OpenAIIoException;
	}

	@Override
	public boolean retryable(int status) {
		return status == 408 || status == 409 || status == 429 || status >= 500;
	}

}
