package dev.rehearse.interview;

import java.time.Duration;

import reactor.core.publisher.Mono;

import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The per-user rate limit on gradings ({@code rehearse.interview.rate-limit.answers-per-minute}),
 * counted in PostgreSQL so that every instance sees the same allowance; beyond it a 429 with
 * {@code Retry-After}.
 */
@Component
class GradingAllowance {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final DatabaseClient database;

	private final InterviewProperties properties;

	GradingAllowance(DatabaseClient database, InterviewProperties properties) {
		this.database = database;
		this.properties = properties;
	}

	/**
	 * Takes one grading from the user's allowance, or fails with 429 and when to retry. Runs in the
	 * caller's transaction, which must already hold the user's row lock (see
	 * {@link TurnStore#saveAnswer}): concurrent requests on any instance are then counted one after
	 * the other, and a refused answer is rolled back with the transaction.
	 */
	Mono<Void> take(long userId) {
		int perMinute = this.properties.rateLimit().answersPerMinute();
		if (perMinute <= 0) {
			return Mono.empty();
		}
		return grant(userId, perMinute, WINDOW).flatMap((wait) -> {
			if (wait.isZero()) {
				return Mono.empty();
			}
			// whole seconds, rounded up: "try again in 0 seconds" would be retried too early
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			ApiProblem limited = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "interview.rate-limited", perMinute, seconds)
				.titled("interview.rate-limited.title");
			limited.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return Mono.error(limited);
		});
	}

	/**
	 * Grants one grading if fewer than {@code limit} were granted within {@code window} (and
	 * forgets the grants that left it); otherwise tells how long until the oldest one leaves the
	 * window. One statement: the count, the clean-up and the grant see the same snapshot, taken
	 * after the caller locked the user's row.
	 */
	private Mono<Duration> grant(long userId, int limit, Duration window) {
		return this.database.sql("""
				with recent as (
				    select count(*) as used, min(granted_at) as oldest from grading_allowance
				    where user_id = :user and granted_at > now() - make_interval(secs => :window)),
				forgotten as (
				    delete from grading_allowance
				    where user_id = :user and granted_at <= now() - make_interval(secs => :window)
				      and (select used from recent) < :limit),
				granted as (
				    insert into grading_allowance (user_id) select :user from recent where used < :limit)
				select used, extract(epoch from (oldest + make_interval(secs => :window) - now())) as wait from recent""")
			.bind("user", userId)
			.bind("window", (double) window.toSeconds())
			.bind("limit", limit)
			.map((row) -> {
				long used = row.get("used", Long.class);
				if (used < limit) {
					return Duration.ZERO;
				}
				Number wait = row.get("wait", Number.class);
				return Duration.ofMillis(Math.max(1000, (long) Math.ceil(wait.doubleValue()) * 1000));
			})
			.one();
	}

}
