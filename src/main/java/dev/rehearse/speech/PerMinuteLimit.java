package dev.rehearse.speech;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * At most N calls per user per minute, in a fixed window per user. Kept in this instance's memory:
 * it protects the speech server from one user's loop, which one instance sees whole, and a user who
 * spreads calls over several instances gets at most N per instance. Idle users' windows expire.
 */
final class PerMinuteLimit {

	private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

	private final int perMinute;

	private final Ticker ticker;

	private final Cache<Long, Window> windows;

	PerMinuteLimit(int perMinute) {
		this(perMinute, Ticker.systemTicker());
	}

	PerMinuteLimit(int perMinute, Ticker ticker) {
		this.perMinute = perMinute;
		this.ticker = ticker;
		this.windows = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(Duration.ofMinutes(2)).build();
	}

	/** Takes one call from the user's allowance: empty when allowed, else how long to wait. */
	Optional<Duration> take(long userId) {
		if (this.perMinute <= 0) {
			return Optional.empty();
		}
		long now = this.ticker.read();
		Window window = this.windows.asMap().compute(userId, (id, current) -> {
			if (current == null || now - current.start() >= WINDOW_NANOS) {
				return new Window(now, 1);
			}
			return new Window(current.start(), current.count() + 1);
		});
		if (window.count() <= this.perMinute) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(Math.max(0, window.start() + WINDOW_NANOS - now)));
	}

	private record Window(long start, int count) {
	}

}
