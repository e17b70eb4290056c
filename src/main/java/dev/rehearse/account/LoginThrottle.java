package dev.rehearse.account;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per account and per client address, kept in PostgreSQL so that every instance
 * counts the same failures. From the configured number of failures on, each further failure locks
 * the key for longer: {@code lock}, then twice that, up to {@code max-lock}. A key is forgotten once
 * it has been quiet (no failure, no lock) for {@code window}.
 */
@Component
class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	private final DatabaseClient database;

	private final AccountProperties.Login settings;

	LoginThrottle(DatabaseClient database, AccountProperties properties) {
		this.database = database;
		this.settings = properties.login();
	}

	/**
	 * How long sign-ins to this account or from this address are still refused (zero: not at all),
	 * and whether the account has failures on record.
	 */
	Mono<State> state(String username, String address) {
		return this.database.sql("""
				select extract(epoch from max(locked_until) filter (where locked_until > now()) - now()) as wait,
				       bool_or(key = :account) as account_failures
				from login_throttle where key in (:account, :address)""")
			.bind("account", accountKey(username))
			.bind("address", addressKey(address))
			.map((row) -> {
				Number wait = row.get("wait", Number.class);
				Boolean failures = row.get("account_failures", Boolean.class);
				return new State((wait != null) ? Duration.ofMillis((long) Math.ceil(wait.doubleValue() * 1000))
						: Duration.ZERO, Boolean.TRUE.equals(failures));
			})
			.one()
			.defaultIfEmpty(new State(Duration.ZERO, false));
	}

	/**
	 * The throttle's view of one sign-in.
	 *
	 * @param lockedFor how long sign-ins are still refused; zero when they are not
	 * @param accountFailures whether the account has failures on record (a success then clears them)
	 */
	record State(Duration lockedFor, boolean accountFailures) {
	}

	/** Counts a failed sign-in against the account and the address, locking them past the limits. */
	Mono<Void> failed(String username, String address) {
		Mono<Void> account = count(accountKey(username), this.settings.maxFailures());
		Mono<Void> perAddress = (this.settings.maxFailuresPerAddress() > 0)
				? count(addressKey(address), this.settings.maxFailuresPerAddress()) : Mono.empty();
		return account.then(perAddress);
	}

	/** A successful sign-in clears the account's failures (not the address's: one's own account would reset it). */
	Mono<Void> succeeded(String username) {
		return this.database.sql("delete from login_throttle where key = :key").bind("key", accountKey(username)).then();
	}

	private Mono<Void> count(String key, int limit) {
		return this.database.sql("""
				insert into login_throttle as t (key, failures, last_failure_at) values (:key, 1, now())
				on conflict (key) do update set
				    failures = case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at))
				                         < now() - make_interval(secs => :window) then 1 else t.failures + 1 end,
				    last_failure_at = now()
				returning failures""")
			.bind("key", key)
			.bind("window", (double) this.settings.window().toSeconds())
			.map((row) -> row.get("failures", Integer.class))
			.one()
			.flatMap((failures) -> (failures < limit) ? Mono.empty() : lock(key, lockFor(failures - limit)));
	}

	private Mono<Void> lock(String key, Duration lock) {
		// the key holds a name as typed by whoever tried it: no control characters into the log
		logger.info("Sign-ins locked for {} s: {}", lock.toSeconds(), key.replaceAll("\\p{Cntrl}", "?"));
		return this.database.sql("update login_throttle set locked_until = now() + make_interval(secs => :lock) where key = :key")
			.bind("key", key)
			.bind("lock", lock.toMillis() / 1000.0)
			.then();
	}

	/** The lock after {@code beyond} failures past the limit: lock, 2 x lock, 4 x lock ... up to max-lock. */
	Duration lockFor(int beyond) {
		Duration lock = this.settings.lock();
		for (int i = 0; i < beyond && lock.compareTo(this.settings.maxLock()) < 0; i++) {
			lock = lock.multipliedBy(2);
		}
		return (lock.compareTo(this.settings.maxLock()) > 0) ? this.settings.maxLock() : lock;
	}

	@Scheduled(fixedDelayString = "${rehearse.security.session-cleanup-interval:10m}",
			initialDelayString = "${rehearse.security.session-cleanup-interval:10m}")
	Mono<Void> forgetQuietKeys() {
		return this.database.sql("""
				delete from login_throttle
				where greatest(last_failure_at, coalesce(locked_until, last_failure_at)) < now() - make_interval(secs => :window)""")
			.bind("window", (double) this.settings.window().toSeconds())
			.then()
			.onErrorResume((ex) -> {
				logger.warn("Could not delete old sign-in failures", ex);
				return Mono.empty();
			});
	}

	// account names are at most 32 characters; anything longer cannot exist, but is still counted
	private static String accountKey(String username) {
		String name = (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
		return "account:" + ((name.length() > 100) ? name.substring(0, 100) : name);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
