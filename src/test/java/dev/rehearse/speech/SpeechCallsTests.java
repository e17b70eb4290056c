package dev.rehearse.speech;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechCallsTests {

	@Test
	void aTimeoutIs504AndAnythingElseUnknownIs502() {
		assertThat(SpeechCalls.problem("transcription", new TimeoutException()).getStatusCode().value()).isEqualTo(504);
		assertThat(SpeechCalls.problem("synthesis", new java.net.ConnectException("refused")).getStatusCode().value())
			.isEqualTo(502);
	}

	@Test
	void aUserGetsNCallsAMinuteThenIsToldHowLongToWait() {
		AtomicLong now = new AtomicLong(1_000_000_000L);
		Ticker ticker = now::get;
		PerMinuteLimit limit = new PerMinuteLimit(2, ticker);
		assertThat(limit.take(1)).isEmpty();
		assertThat(limit.take(1)).isEmpty();
		now.addAndGet(Duration.ofSeconds(20).toNanos());
		assertThat(limit.take(1)).contains(Duration.ofSeconds(40));
		assertThat(limit.take(2)).as("each user has their own").isEmpty();
		now.addAndGet(Duration.ofSeconds(40).toNanos());
		assertThat(limit.take(1)).isEmpty();
		assertThat(new PerMinuteLimit(0).take(1)).as("0 = no limit").isEmpty();
	}

}
