package dev.rehearse.account;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountPropertiesTests {

	@Test
	void configuredAdminsAreRecognisedInAnyCaseAndGetTheAdminRole() {
		AccountProperties properties = new AccountProperties(List.of(" Root ", "ops"), null, Duration.ofMinutes(30),
				Duration.ofMinutes(10), null, null, null);
		assertThat(properties.isAdmin("root")).isTrue();
		assertThat(properties.isAdmin("rooted")).isFalse();
		AccountUserDetailsService users = new AccountUserDetailsService(null, properties);
		assertThat(users.toUser(new Account(1L, "OPS", "{noop}x", null)).admin()).isTrue();
		assertThat(users.toUser(new Account(2L, "ann", "{noop}x", null)).admin()).isFalse();
	}

}
