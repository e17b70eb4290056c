package dev.rehearse.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.system.ApiProblem;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Registers accounts: checks the username and password (all reasons at once, as
 * {@code errors: [{field, message}]}), hashes the password off the event loop, and turns a taken
 * username into a 409 even when two registrations race.
 */
@Component
class Registration {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	private static final int MIN_PASSWORD = 8;

	/** BCrypt only looks at the first 72 bytes; longer passwords would silently be truncated. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private static final Set<String> COMMON_PASSWORDS = Set.of("password", "password1", "12345678", "123456789",
			"1234567890", "qwertyuiop", "qwerty123", "11111111", "00000000", "abcdefgh", "iloveyou", "letmein1",
			"admin123", "passw0rd", "88888888", "abc12345");

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AccountUserDetailsService users;

	Registration(AccountRepository accounts, PasswordEncoder passwordEncoder, AccountUserDetailsService users) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.users = users;
	}

	Mono<AccountUser> register(String username, String password) {
		List<ApiProblem.FieldMessage> errors = check(username, password);
		if (!errors.isEmpty()) {
			return Mono.error(invalid(errors));
		}
		return this.accounts.findByUsername(username)
			.flatMap((existing) -> Mono.<Account>error(taken(username)))
			.switchIfEmpty(Mono.fromCallable(() -> this.passwordEncoder.encode(password))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((hash) -> this.accounts.save(new Account(null, username, hash, null))))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> taken(username))
			.map(this.users::toUser);
	}

	static List<ApiProblem.FieldMessage> check(String username, String password) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>();
		if (username == null || username.isBlank()) {
			errors.add(error("username", "validation.not-empty"));
		}
		else if (!USERNAME.matcher(username).matches()) {
			errors.add(error("username", "validation.username.format"));
		}
		if (password == null || password.isEmpty()) {
			errors.add(error("password", "validation.not-empty"));
		}
		else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
			errors.add(error("password", "validation.password.too-short", MIN_PASSWORD));
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			errors.add(error("password", "validation.password.too-long", MAX_PASSWORD_BYTES));
		}
		else if (COMMON_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))
				|| password.chars().distinct().count() < 3) {
			errors.add(error("password", "validation.password.guessable"));
		}
		else if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			errors.add(error("password", "validation.password.contains-username"));
		}
		return errors;
	}

	/** One reason, as a message code of {@code messages.properties} with its arguments. */
	private static ApiProblem.FieldMessage error(String field, String code, Object... arguments) {
		return new ApiProblem.FieldMessage(field, code, arguments);
	}

	private static ApiProblem invalid(List<ApiProblem.FieldMessage> errors) {
		return ApiProblem.invalid(errors).titled("registration.invalid.title");
	}

	private static ApiProblem taken(String username) {
		return ApiProblem.of(HttpStatus.CONFLICT, "registration.taken", username).titled("registration.taken.title");
	}

}
