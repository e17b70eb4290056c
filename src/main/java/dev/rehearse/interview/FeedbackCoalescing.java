package dev.rehearse.interview;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import reactor.core.publisher.Flux;

import dev.rehearse.examiner.GradingEvent;

/**
 * Joins the examiner's feedback tokens into fewer, larger pieces: the first token at once (the
 * candidate sees the grading start), then one piece whenever {@code rehearse.interview.feedback-flush}
 * has passed since the last or a sentence ends; what is held goes out before the next other event
 * or at the end. One server-sent event per token cost more CPU than the model's own stream.
 * <p>
 * It runs on the thread that delivers the tokens, with no timer and no scheduler: a piece held
 * when the model pauses mid-sentence goes out with the model's next token.
 */
final class FeedbackCoalescing {

	private FeedbackCoalescing() {
	}

	/**
	 * The same events with consecutive feedback joined.
	 *
	 * @param events the examiner's events
	 * @param flush the least time between two pieces ({@code 0}: every token as it comes)
	 * @param nanoClock the time, in nanoseconds ({@link System#nanoTime} but in tests)
	 */
	static Flux<GradingEvent> coalesce(Flux<GradingEvent> events, Duration flush, LongSupplier nanoClock) {
		if (flush.isZero() || flush.isNegative()) {
			return events;
		}
		long flushNanos = flush.toNanos();
		return Flux.defer(() -> {
			StringBuilder held = new StringBuilder();
			long[] lastSent = { 0 };
			boolean[] sentAny = { false };
			return events.concatMapIterable((event) -> {
				if (event instanceof GradingEvent.Feedback feedback) {
					held.append(feedback.delta());
					long now = nanoClock.getAsLong();
					if (!sentAny[0] || now - lastSent[0] >= flushNanos || endsSentence(feedback.delta())) {
						sentAny[0] = true;
						lastSent[0] = now;
						return List.of(take(held));
					}
					return List.of();
				}
				return held.isEmpty() ? List.of(event) : List.of(take(held), event);
			}).concatWith(Flux.defer(() -> held.isEmpty() ? Flux.empty() : Flux.just(take(held))));
		});
	}

	private static GradingEvent take(StringBuilder held) {
		GradingEvent piece = new GradingEvent.Feedback(held.toString());
		held.setLength(0);
		return piece;
	}

	/** A token that ends a sentence or a line, in English or Chinese. */
	static boolean endsSentence(String token) {
		if (token.indexOf('\n') >= 0) {
			return true;
		}
		String stripped = token.stripTrailing();
		if (stripped.isEmpty()) {
			return false;
		}
		char last = stripped.charAt(stripped.length() - 1);
		return ".!?。！？；;:：".indexOf(last) >= 0;
	}

}
