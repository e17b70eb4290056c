package dev.rehearse.interview;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import reactor.core.publisher.Mono;

import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The per-user rate limit on gradings ({@code rehearse.interview.rate-limit.answers-per-minute}):
 * at most that many in any sliding minute, counted in PostgreSQL so that every instance sees the
 * same allowance; beyond it a 429 with {@code Retry-After}.
 * <p>
 * The grants of the last minute live in the user's row ({@code app_user.grading_grants}, oldest
 * first). Taking one is an update of that row on the condition that fewer than the limit are
 * recent: the update locks the row, and when it had to wait for another request's lock PostgreSQL
 * checks the condition again on the row as that request left it. So concurrent requests on any
 * instance are counted one after the other in a single statement, with no transaction around it;
 * an answer's save takes its grant in the same statement ({@link #granting}), and a refused answer
 * is not saved.
 */
@Component
class GradingAllowance {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	/** The grants of user row {@code u} still within the window, oldest first. */
	private static final String RECENT = """
			array(select g from unnest(u.grading_grants) g
			      where g > now() - make_interval(secs => :allowanceWindow) order by g)""";

	private final DatabaseClient database;

	private final InterviewProperties properties;

	GradingAllowance(DatabaseClient database, InterviewProperties properties) {
		this.database = database;
		this.properties = properties;
	}

	/**
	 * The part of a statement that takes one grading from the allowance of the user whose id the
	 * SQL expression {@code user} gives: a common table expression named {@code granted}, with a
	 * row when the grading was granted. Old grants are forgotten on the way. Its parameters are
	 * bound by {@link #bind}.
	 */
	static String granting(String user) {
		return """
				granted as (
				    update app_user u set grading_grants = %1$s || now()
				    where u.id = (%2$s) and cardinality(%1$s) < :allowanceLimit
				    returning u.id)""".formatted(RECENT, user);
	}

	/**
	 * A column, {@code allowance_wait}: for a user (the SQL expression {@code user}) whose
	 * allowance is used up, the seconds until a grant leaves the window; otherwise null. Read from
	 * the statement's snapshot: beside {@link #granting} that may be older than the row the grant
	 * was refused on (after waiting for another request's lock), see {@link #refusal}.
	 */
	static String waitColumn(String user) {
		return """
				(select extract(epoch from (r[cardinality(r) - :allowanceLimit + 1]
				                            + make_interval(secs => :allowanceWindow) - now()))
				 from (select %1$s as r from app_user u where u.id = (%2$s)) recent) as allowance_wait"""
			.formatted(RECENT, user);
	}

	/**
	 * Binds the parameters of {@link #granting} and {@link #waitColumn}. Without a limit every
	 * grading is granted and only the latest grant is kept.
	 */
	DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
		int perMinute = this.properties.rateLimit().answersPerMinute();
		return spec.bind("allowanceLimit", (perMinute > 0) ? perMinute : Integer.MAX_VALUE)
			.bind("allowanceWindow", (perMinute > 0) ? (double) WINDOW.toSeconds() : 0.0);
	}

	/**
	 * Takes one grading from the user's allowance on its own (a re-grade's), or fails with 429 and
	 * when to retry. In the caller's transaction, a refusal rolls back what it did before.
	 */
	Mono<Void> take(long userId) {
		return bind(this.database.sql("with " + granting(":allowanceUser") + " select (select count(*) from granted) as taken, "
				+ waitColumn(":allowanceUser"))
			.bind("allowanceUser", userId))
			.map((row) -> (row.get("taken", Long.class) > 0) ? Optional.<Number>empty()
					: Optional.of(Objects.requireNonNullElse(row.get("allowance_wait", Number.class), Double.NaN)))
			.one()
			.flatMap((refused) -> refused.isEmpty() ? Mono.<Void>empty()
					: refusal(userId, refused.get().doubleValue()).flatMap(Mono::error));
	}

	/**
	 * The 429 of a grading the allowance refused the user, {@code wait} seconds (as read by
	 * {@link #waitColumn}) before it grants another; NaN when that read did not see the allowance
	 * used up (it waited for another request that used it up), and the wait is read again.
	 */
	Mono<ApiProblem> refusal(long userId, double wait) {
		if (!Double.isNaN(wait)) {
			return Mono.just(refused(wait));
		}
		return bind(this.database.sql("select " + waitColumn(":allowanceUser")).bind("allowanceUser", userId))
			.map((row) -> Optional.ofNullable(row.get("allowance_wait", Number.class)))
			.one()
			// used up a moment ago and already free again: a second is soon enough
			.map((read) -> refused(read.map(Number::doubleValue).orElse(1.0)));
	}

	/** The 429 of a refused grading, {@code wait} seconds before the next one may be granted. */
	private ApiProblem refused(double wait) {
		// whole seconds, rounded up: "try again in 0 seconds" would be retried too early
		long seconds = Math.max(1, (long) Math.ceil(wait));
		int perMinute = this.properties.rateLimit().answersPerMinute();
		ApiProblem limited = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "interview.rate-limited", perMinute, seconds)
			.titled("interview.rate-limited.title");
		limited.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return limited;
	}

}
