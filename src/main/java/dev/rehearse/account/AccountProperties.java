package dev.rehearse.account;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts, sessions and the limits that protect them.
 *
 * @param admins usernames (any case) that may use {@code /api/admin/**}; their accounts are
 * created at start-up and nobody can register these names
 * @param adminPasswordHash bcrypt hash of the admins' password (with or without the
 * {@code {bcrypt}} prefix); when empty, an admin account that does not exist yet gets a random
 * password, written once to the log
 * @param sessionTimeout how long a browser session lives without being used
 * @param sessionCleanupInterval how often expired sessions and old throttle rows are deleted
 * @param login how failed sign-ins are throttled
 * @param password how strong a new password must be
 * @param limits how many accounts and interviews may be created
 */
@ConfigurationProperties("rehearse.security")
record AccountProperties(@DefaultValue List<String> admins, String adminPasswordHash,
		@DefaultValue("30m") Duration sessionTimeout, @DefaultValue("10m") Duration sessionCleanupInterval,
		@DefaultValue Login login, @DefaultValue Password password, @DefaultValue Limits limits) {

	boolean isAdmin(String username) {
		return this.admins.stream().map(String::strip).anyMatch((admin) -> admin.equalsIgnoreCase(username));
	}

	/**
	 * Sign-in throttling, for the form login and HTTP Basic alike.
	 *
	 * @param maxFailures failed sign-ins to one account before it is locked
	 * @param maxFailuresPerAddress failed sign-ins from one client address (to any account) before
	 * the address is locked; higher than per account since many people may share one address; 0
	 * for no limit
	 * @param window failures are forgotten once a key has had no failure (and no lock) this long
	 * @param lock how long the first lock lasts; each further failure doubles it
	 * @param maxLock the longest lock
	 */
	record Login(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("5m") Duration window, @DefaultValue("1m") Duration lock,
			@DefaultValue("1h") Duration maxLock) {
	}

	/**
	 * Password rules on registration.
	 *
	 * @param minScore lowest zxcvbn score accepted, 0 (too guessable) to 4 (very unguessable)
	 */
	record Password(@DefaultValue("3") int minScore) {
	}

	/**
	 * Creation limits; 0 for no limit.
	 *
	 * @param registrations accounts registered from one client address per registration window
	 * @param registrationWindow the window registrations are counted in
	 * @param interviews interviews one user may begin per interview window
	 * @param interviewWindow the window interviews are counted in
	 */
	record Limits(@DefaultValue("5") int registrations, @DefaultValue("1h") Duration registrationWindow,
			@DefaultValue("30") int interviews, @DefaultValue("1h") Duration interviewWindow) {
	}

}
