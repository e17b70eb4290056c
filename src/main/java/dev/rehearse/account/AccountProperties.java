package dev.rehearse.account;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and sessions.
 *
 * @param admins usernames (any case) that may use {@code /api/admin/**}
 * @param sessionTimeout how long a browser session lives without being used
 * @param sessionCleanupInterval how often expired sessions are deleted from the database
 */
@ConfigurationProperties("rehearse.security")
record AccountProperties(@DefaultValue List<String> admins, @DefaultValue("30m") Duration sessionTimeout,
		@DefaultValue("10m") Duration sessionCleanupInterval) {

	boolean isAdmin(String username) {
		return this.admins.stream().map(String::strip).anyMatch((admin) -> admin.equalsIgnoreCase(username));
	}

}
