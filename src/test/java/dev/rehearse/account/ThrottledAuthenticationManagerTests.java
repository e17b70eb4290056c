package dev.rehearse.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ThrottledAuthenticationManagerTests {

	final RecordingEncoder encoder = new RecordingEncoder();

	final String annsHash = this.encoder.delegate.encode("ann's own passphrase");

	final ReactiveUserDetailsService users = (name) -> "ann".equals(name)
			? Mono.just(User.withUsername("ann").password(this.annsHash).build()) : Mono.empty();

	final LoginThrottle throttle = mock(LoginThrottle.class);

	ThrottledAuthenticationManager manager() {
		given(this.throttle.failed(anyString(), any())).willReturn(Mono.empty());
		given(this.throttle.succeeded(anyString())).willReturn(Mono.empty());
		return new ThrottledAuthenticationManager(this.throttle, this.users, null, this.encoder);
	}

	@Test
	void anUnknownUsernameCostsAHashCheckLikeAKnownOne() {
		given(this.throttle.state(anyString(), any())).willReturn(Mono.just(new LoginThrottle.State(Duration.ZERO, true)));
		ThrottledAuthenticationManager manager = manager();
		this.encoder.checked.clear();

		StepVerifier.create(manager.authenticate(new UsernamePasswordAuthenticationToken("nobody", "a guess")))
			.expectError(BadCredentialsException.class)
			.verify(Duration.ofSeconds(10));
		StepVerifier.create(manager.authenticate(new UsernamePasswordAuthenticationToken("ann", "a guess")))
			.expectError(BadCredentialsException.class)
			.verify(Duration.ofSeconds(10));
		// HTTP Basic with an empty name ("Basic " + base64(":guess")) is just another unknown user
		StepVerifier.create(manager.authenticate(new UsernamePasswordAuthenticationToken("", "a guess")))
			.expectError(BadCredentialsException.class)
			.verify(Duration.ofSeconds(10));

		// all were checked against a bcrypt hash of the same cost: the unknown one against the dummy
		assertThat(this.encoder.checked).hasSize(3);
		assertThat(this.encoder.checked.get(0)).startsWith("$2a$04$").isNotEqualTo(this.annsHash);
		assertThat(this.encoder.checked.get(1)).isEqualTo(this.annsHash);
		assertThat(this.encoder.checked.get(2)).isEqualTo(this.encoder.checked.get(0));
		verify(this.throttle).failed("nobody", "unknown");
		verify(this.throttle).failed("ann", "unknown");
	}

	@Test
	void whileThrottledNoPasswordIsCheckedAndTheRightOneIsRefusedToo() {
		given(this.throttle.state(anyString(), any()))
			.willReturn(Mono.just(new LoginThrottle.State(Duration.ofMillis(1500), true)));
		ThrottledAuthenticationManager manager = manager();
		this.encoder.checked.clear();

		StepVerifier.create(manager.authenticate(new UsernamePasswordAuthenticationToken("ann", "ann's own passphrase")))
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.isInstanceOfSatisfying(ThrottledAuthenticationManager.LoginThrottledException.class,
						(throttled) -> assertThat(throttled.retryAfterSeconds()).isEqualTo(2)))
			.verify(Duration.ofSeconds(10));
		assertThat(this.encoder.checked).isEmpty();
		verify(this.throttle, never()).failed(anyString(), any());
	}

	@Test
	void aRightPasswordClearsTheAccountsFailures() {
		given(this.throttle.state(anyString(), any())).willReturn(Mono.just(new LoginThrottle.State(Duration.ZERO, true)));
		StepVerifier.create(manager().authenticate(new UsernamePasswordAuthenticationToken("ann", "ann's own passphrase")))
			.assertNext((signedIn) -> assertThat(signedIn.isAuthenticated()).isTrue())
			.verifyComplete();
		verify(this.throttle).succeeded("ann");
		verify(this.throttle, never()).failed(anyString(), any());
	}

	@Test
	void aRightPasswordWithoutFailuresOnRecordWritesNothing() {
		given(this.throttle.state(anyString(), any()))
			.willReturn(Mono.just(new LoginThrottle.State(Duration.ZERO, false)));
		StepVerifier.create(manager().authenticate(new UsernamePasswordAuthenticationToken("ann", "ann's own passphrase")))
			.expectNextCount(1)
			.verifyComplete();
		verify(this.throttle, never()).succeeded(anyString());
	}

	/** bcrypt at its lowest cost, remembering which hashes passwords were checked against. */
	static final class RecordingEncoder implements PasswordEncoder {

		final BCryptPasswordEncoder delegate = new BCryptPasswordEncoder(4);

		final List<String> checked = new ArrayList<>();

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			synchronized (this.checked) {
				this.checked.add(encodedPassword);
			}
			return this.delegate.matches(rawPassword, encodedPassword);
		}

	}

}
