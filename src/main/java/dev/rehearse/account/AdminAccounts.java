package dev.rehearse.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the configured admin accounts at start-up, so that an admin name is never up for grabs
 * by whoever registers it first (registration refuses these names). With a configured bcrypt hash
 * the admins' password is the configuration's, also for an account that already exists; without
 * one, a missing admin gets a random password that is written to the log once, by the instance
 * that created it.
 */
@Component
class AdminAccounts implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AdminAccounts.class);

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

	private final AccountProperties properties;

	private final DatabaseClient database;

	private final PasswordEncoder encoder;

	AdminAccounts(AccountProperties properties, DatabaseClient database, PasswordEncoder encoder) {
		this.properties = properties;
		this.database = database;
		this.encoder = encoder;
	}

	@Override
	public void run(ApplicationArguments args) {
		String hash = configuredHash(this.properties.adminPasswordHash());
		Flux.fromIterable(this.properties.admins())
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.concatMap((name) -> (hash != null) ? withHash(name, hash) : withRandomPassword(name))
			.then()
			.block(Duration.ofMinutes(1));
	}

	/** The configured hash with the encoder's {@code {bcrypt}} prefix; null when none is configured. */
	static String configuredHash(String hash) {
		if (hash == null || hash.isBlank()) {
			return null;
		}
		String bare = hash.strip().startsWith("{bcrypt}") ? hash.strip().substring("{bcrypt}".length()) : hash.strip();
		if (!BCRYPT.matcher(bare).matches()) {
			throw new IllegalStateException("rehearse.security.admin-password-hash (REHEARSE_ADMIN_PASSWORD_HASH) is "
					+ "not a bcrypt hash; make one with: htpasswd -bnBC 12 \"\" 'your-password' | tr -d ':\\n'");
		}
		return "{bcrypt}" + bare;
	}

	private Mono<Void> withHash(String name, String hash) {
		return this.database.sql("""
				insert into app_user (username, password_hash) values (:name, :hash)
				on conflict ((lower(username))) do update set password_hash = excluded.password_hash
				where app_user.password_hash <> excluded.password_hash
				returning (xmax = 0) as created""")
			.bind("name", name)
			.bind("hash", hash)
			.map((row) -> row.get("created", Boolean.class))
			.all()
			.doOnNext((created) -> logger.info(created ? "Created the admin account '{}' with the configured password"
					: "Set the configured password of the admin account '{}'", name))
			.then();
	}

	private Mono<Void> withRandomPassword(String name) {
		String password = randomPassword();
		return Mono.fromCallable(() -> this.encoder.encode(password))
			.flatMap((hash) -> this.database.sql("""
					insert into app_user (username, password_hash) values (:name, :hash)
					on conflict ((lower(username))) do nothing returning id""")
				.bind("name", name)
				.bind("hash", hash)
				.map((row) -> row.get("id", Long.class))
				.all()
				.hasElements())
			.doOnNext((created) -> {
				if (created) {
					// the only place this password ever appears; it is not stored anywhere in clear
					logger.warn("Created the admin account '{}' with the one-time password: {}  (it is not shown "
							+ "again; to choose the password, set REHEARSE_ADMIN_PASSWORD_HASH to a bcrypt hash)", name,
							password);
				}
				else {
					logger.info("The admin account '{}' exists; it keeps its password (set "
							+ "REHEARSE_ADMIN_PASSWORD_HASH to replace it)", name);
				}
			})
			.then();
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
