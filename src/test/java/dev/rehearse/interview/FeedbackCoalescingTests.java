package dev.rehearse.interview;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.rehearse.examiner.GradingEvent;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackCoalescingTests {

	private final AtomicLong nanos = new AtomicLong();

	@Test
	void firstTokenAtOnceThenPiecesEveryFlushOrAtASentenceEnd() {
		Flux<GradingEvent> tokens = Flux.just("Your", " answer", " covers", " two", " points.", " It", " misses", " one")
			.map(this::after10ms);
		StepVerifier.create(FeedbackCoalescing.coalesce(tokens, Duration.ofMillis(50), this.nanos::get))
			.expectNext(new GradingEvent.Feedback("Your"))
			.expectNext(new GradingEvent.Feedback(" answer covers two points."))
			.expectNext(new GradingEvent.Feedback(" It misses one"))
			.verifyComplete();
	}

	@Test
	void tokensHeldAfterTheFlushIntervalGoOutWithTheNextToken() {
		Flux<GradingEvent> tokens = Flux.just("a", " b", " c", " d", " e", " f", " g", " h").map(this::after10ms);
		StepVerifier.create(FeedbackCoalescing.coalesce(tokens, Duration.ofMillis(50), this.nanos::get))
			.expectNext(new GradingEvent.Feedback("a"))
			// 10 ms apart: the sixth token is the first 50 ms after "a"
			.expectNext(new GradingEvent.Feedback(" b c d e f"))
			.expectNext(new GradingEvent.Feedback(" g h"))
			.verifyComplete();
	}

	@Test
	void heldFeedbackGoesOutBeforeTheVerdict() {
		GradingEvent verdict = new GradingEvent.Retrying(2, 3, "timeout");
		Flux<GradingEvent> events = Flux.concat(Flux.just("one", " two").map(this::after10ms), Flux.just(verdict));
		StepVerifier.create(FeedbackCoalescing.coalesce(events, Duration.ofMillis(50), this.nanos::get))
			.expectNext(new GradingEvent.Feedback("one"), new GradingEvent.Feedback(" two"), verdict)
			.verifyComplete();
	}

	@Test
	void aZeroFlushSendsEveryToken() {
		Flux<GradingEvent> tokens = Flux.just("a", "b", "c").map(this::after10ms);
		StepVerifier.create(FeedbackCoalescing.coalesce(tokens, Duration.ZERO, this.nanos::get))
			.expectNextCount(3)
			.verifyComplete();
	}

	@Test
	void sentencesEndInEnglishAndChinese() {
		assertThat(FeedbackCoalescing.endsSentence("points. ")).isTrue();
		assertThat(FeedbackCoalescing.endsSentence("覆盖了两个要点。")).isTrue();
		assertThat(FeedbackCoalescing.endsSentence("line\nnext")).isTrue();
		assertThat(FeedbackCoalescing.endsSentence(" covers")).isFalse();
		assertThat(FeedbackCoalescing.endsSentence(" ")).isFalse();
	}

	private GradingEvent after10ms(String token) {
		this.nanos.addAndGet(Duration.ofMillis(10).toNanos());
		return new GradingEvent.Feedback(token);
	}

}
