package dev.rehearse.speech;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.openai.errors.OpenAIServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.rehearse.system.ApiProblem;
import dev.rehearse.system.RetryAfter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * One call to a speech server as the API sees it: run off the event loop (Spring AI's audio models
 * block), bounded by a timeout, retried while the server answers 429 or 5xx (waiting as long as its
 * {@code Retry-After} asks, within {@link SpeechProperties.Retry#maxBackoff()}), and any failure
 * turned into a problem the candidate's page can act on: 502 refused or unreachable, 503 busy
 * (with the server's {@code Retry-After}), 504 too slow.
 */
final class SpeechCalls implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SpeechCalls.class);

	private final ThreadPoolExecutor executor;

	private final SpeechProperties.Retry retry;

	/**
	 * @param threads calls in flight at once: Spring AI's audio models block on the HTTP call, so each
	 * call waiting on a speech server holds a thread, on a pool of its own so that 50 candidates
	 * speaking at once wait for nothing else (and nothing else waits for them)
	 */
	SpeechCalls(int threads, SpeechProperties.Retry retry) {
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(Math.max(1, threads), Math.max(1, threads), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(10_000), (task) -> {
					Thread thread = new Thread(task, "speech-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
		this.retry = retry;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * Runs {@code call} with these limits.
	 *
	 * @param kind {@code transcription} or {@code synthesis}, for messages and logs
	 */
	<T> Mono<T> call(String kind, Duration timeout, Callable<T> call) {
		// a future rather than subscribeOn: a call given up on (timeout) finishes on its thread, bounded by the
		// same timeout in the HTTP client, and its late result or failure is dropped without a word
		return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> {
			try {
				return call.call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		}, this.executor), false)
			.timeout(timeout)
			.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				long attempt = signal.totalRetries() + 1;
				Optional<Duration> wait = retryWait(failure, attempt);
				if (wait.isEmpty()) {
					return Mono.error(failure);
				}
				logger.info("Speech {} attempt {} of {} failed ({}); retrying in {} ms", kind, attempt,
						this.retry.maxAttempts(), describe(failure), wait.get().toMillis());
				return Mono.delay(wait.get());
			})))
			.onErrorMap((failure) -> !(failure instanceof ApiProblem), (failure) -> {
				ApiProblem problem = problem(kind, failure);
				logger.warn("Speech {} failed: {} (answered {})", kind, describe(failure),
						problem.getStatusCode().value());
				return problem;
			});
	}

	/** How long to wait before the next attempt, or empty when there is to be none. */
	private Optional<Duration> retryWait(Throwable failure, long attempt) {
		Integer status = status(failure);
		if (attempt >= this.retry.maxAttempts() || status == null || (status != 429 && status < 500)) {
			return Optional.empty();
		}
		Duration backoff = this.retry.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		Optional<Duration> asked = retryAfter(failure);
		if (asked.isPresent() && asked.get().compareTo(this.retry.maxBackoff()) > 0) {
			// the server wants longer than a candidate should wait: pass its Retry-After on instead
			return Optional.empty();
		}
		Duration wait = asked.filter((a) -> a.compareTo(backoff) > 0).orElse(backoff);
		return Optional.of((wait.compareTo(this.retry.maxBackoff()) > 0) ? this.retry.maxBackoff() : wait);
	}

	static ApiProblem problem(String kind, Throwable failure) {
		Object what = ApiProblem.message("speech.kind." + kind);
		if (timedOut(failure)) {
			return ApiProblem.of(HttpStatus.GATEWAY_TIMEOUT, "speech.timeout", what);
		}
		Integer status = status(failure);
		if (status != null && (status == 429 || status >= 500)) {
			ApiProblem problem = ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "speech.busy", what, status);
			retryAfter(failure).ifPresent((wait) -> problem.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000))));
			return problem;
		}
		if (status != null) {
			return ApiProblem.of(HttpStatus.BAD_GATEWAY, "speech.refused", what, status);
		}
		return ApiProblem.of(HttpStatus.BAD_GATEWAY, "speech.unreachable", what);
	}

	private static boolean timedOut(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// OkHttp's call and socket timeouts are InterruptedIOExceptions
			if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static Integer status(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OpenAIServiceException service) {
				return service.statusCode();
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** The wait the server asked for, when it sent a {@code Retry-After} (seconds or an HTTP date). */
	static Optional<Duration> retryAfter(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OpenAIServiceException service) {
				List<String> values = service.headers().values(HttpHeaders.RETRY_AFTER);
				return values.isEmpty() ? Optional.empty() : RetryAfter.parse(values.get(0));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}


	/** A short description for the log: never the audio, the text or the server's body. */
	private static String describe(Throwable failure) {
		Integer status = status(failure);
		if (status != null) {
			return "HTTP " + status;
		}
		if (timedOut(failure)) {
			return "timed out";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

}
