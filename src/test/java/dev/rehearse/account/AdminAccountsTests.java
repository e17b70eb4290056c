package dev.rehearse.account;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AdminAccountsTests {

	@Test
	void aConfiguredHashIsUsableWithOrWithoutItsPrefix() {
		String bare = new BCryptPasswordEncoder(4).encode("the admin's passphrase");
		assertThat(AdminAccounts.configuredHash(bare)).isEqualTo("{bcrypt}" + bare);
		assertThat(AdminAccounts.configuredHash("{bcrypt}" + bare)).isEqualTo("{bcrypt}" + bare);
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches("the admin's passphrase", AdminAccounts.configuredHash(bare))).isTrue();
		assertThat(AdminAccounts.configuredHash("  ")).isNull();
	}

	@Test
	void aPasswordInsteadOfAHashStopsTheStart() {
		assertThatIllegalStateException().isThrownBy(() -> AdminAccounts.configuredHash("my-admin-password"))
			.withMessageContaining("not a bcrypt hash");
	}

}
