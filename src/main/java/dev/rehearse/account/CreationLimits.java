package dev.rehearse.account;

import java.time.Duration;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;

/**
 * How many accounts one client address may register, and how many interviews one user may begin,
 * per window. Counted in PostgreSQL (one row per creation, like the answers' grading allowance) so
 * that every instance counts the same; a refusal is a 429 with {@code Retry-After} and nothing is
 * created.
 */
@Component
public class CreationLimits {

	private static final Logger logger = LoggerFactory.getLogger(CreationLimits.class);

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final AccountProperties.Limits limits;

	CreationLimits(DatabaseClient database, TransactionalOperator transactions, AccountProperties properties) {
		this.database = database;
		this.transactions = transactions;
		this.limits = properties.limits();
	}

	/** Takes one interview from the user's allowance, or fails with 429 and when to retry. */
	public Mono<Void> beginInterview(long userId) {
		return take("interview", Long.toString(userId), this.limits.interviews(), this.limits.interviewWindow(),
				(wait) -> {
					ApiProblem limited = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "account.interviews.limited",
							this.limits.interviews(), Math.max(1, this.limits.interviewWindow().toMinutes()), wait);
					limited.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wait));
					return limited;
				});
	}

	/** Takes one registration from the address's allowance, or fails with the given refusal. */
	Mono<Void> register(String address, Function<Long, ErrorResponseException> refusal) {
		return take("registration", address, this.limits.registrations(), this.limits.registrationWindow(), refusal);
	}

	/**
	 * Grants one creation if fewer than {@code limit} were granted within {@code window}; else
	 * fails with {@code refusal} of the whole seconds until the oldest leaves the window. One
	 * transaction holding an advisory lock on the subject, so concurrent requests on any instance
	 * are counted one after the other.
	 */
	private Mono<Void> take(String kind, String subject, int limit, Duration window,
			Function<Long, ErrorResponseException> refusal) {
		if (limit <= 0) {
			return Mono.empty();
		}
		double seconds = window.toMillis() / 1000.0;
		Mono<Void> lock = this.database.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.bind("key", kind + ":" + subject)
			.map((row) -> 1)
			.all()
			.then();
		Mono<Long> wait = this.database.sql("""
				select count(*) as used,
				       extract(epoch from (min(granted_at) + make_interval(secs => :window) - now())) as wait
				from creation_allowance
				where kind = :kind and subject = :subject and granted_at > now() - make_interval(secs => :window)""")
			.bind("kind", kind)
			.bind("subject", subject)
			.bind("window", seconds)
			.map((row) -> (row.get("used", Long.class) < limit) ? 0L
					: Math.max(1L, (long) Math.ceil(row.get("wait", Number.class).doubleValue())))
			.one();
		Mono<Void> forget = this.database.sql("""
				delete from creation_allowance
				where kind = :kind and subject = :subject and granted_at <= now() - make_interval(secs => :window)""")
			.bind("kind", kind)
			.bind("subject", subject)
			.bind("window", seconds)
			.then();
		Mono<Void> grant = this.database.sql("insert into creation_allowance (kind, subject) values (:kind, :subject)")
			.bind("kind", kind)
			.bind("subject", subject)
			.then();
		return lock.then(wait)
			.flatMap((retryAfter) -> (retryAfter == 0) ? forget.then(grant) : Mono.error(refusal.apply(retryAfter)))
			.as(this.transactions::transactional);
	}

	/** Forgets creations older than either window, also of subjects that never come back. */
	@Scheduled(fixedDelayString = "${rehearse.security.session-cleanup-interval:10m}",
			initialDelayString = "${rehearse.security.session-cleanup-interval:10m}")
	Mono<Void> forgetOldCreations() {
		Duration longest = (this.limits.registrationWindow().compareTo(this.limits.interviewWindow()) > 0)
				? this.limits.registrationWindow() : this.limits.interviewWindow();
		return this.database.sql("delete from creation_allowance where granted_at < now() - make_interval(secs => :window)")
			.bind("window", longest.toMillis() / 1000.0)
			.then()
			.onErrorResume((ex) -> {
				logger.warn("Could not delete old creations", ex);
				return Mono.empty();
			});
	}

}
