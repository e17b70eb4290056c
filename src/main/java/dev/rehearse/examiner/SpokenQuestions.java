package dev.rehearse.examiner;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * The model's spoken phrasings of the questions, kept: a question asked again in the same style
 * and language (by the next candidate, or in the next practice round) is phrased as before,
 * without a model call. A phrasing depends on nothing else (never on a candidate or an answer),
 * and asking the model again for every turn cost the service a whole model exchange per answer
 * and the candidate its round trip before the next question (docs/benchmarks.md).
 * <p>
 * Candidates asking the same question at once share one model call. Only the model's own text
 * is kept: a call that fails, times out or is refused by the checks leaves nothing, so the next
 * asking tries the model again (the template stands in meanwhile). The least recently used
 * phrasings go first beyond {@code size}; {@code 0} keeps none.
 */
final class SpokenQuestions {

	private final AsyncCache<Key, String> phrasings;

	SpokenQuestions(int size) {
		this.phrasings = (size > 0) ? Caffeine.newBuilder().maximumSize(size).buildAsync() : null;
	}

	/**
	 * The kept phrasing of {@code question}, else the one {@code model} makes (kept when it is not
	 * empty). The model's call carries the context of the first asker (its trace); a waiter that
	 * cancels never cancels the call the others wait on.
	 */
	Mono<String> phrase(QuestionContext question, Supplier<Mono<String>> model) {
		if (this.phrasings == null) {
			return Mono.defer(model);
		}
		Key key = new Key(question.question(), question.language(), question.style());
		return Mono.deferContextual((context) -> {
			CompletableFuture<String> call = this.phrasings.get(key,
					(ignored, executor) -> model.get().contextWrite(context).toFuture());
			// gone before anyone hears of the failure, so whoever asks next calls the model again
			return Mono.fromFuture(call, true)
				.doOnError((failure) -> forget(key, call))
				.switchIfEmpty(Mono.fromRunnable(() -> forget(key, call)));
		});
	}

	private void forget(Key key, CompletableFuture<String> call) {
		this.phrasings.asMap().remove(key, call);
	}

	private record Key(String question, String language, InterviewerStyle style) {
	}

}
