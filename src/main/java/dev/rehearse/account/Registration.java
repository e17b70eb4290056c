package dev.rehearse.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

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
		List<Map<String, String>> errors = check(username, password);
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

	static List<Map<String, String>> check(String username, String password) {
		List<Map<String, String>> errors = new ArrayList<>();
		if (username == null || username.isBlank()) {
			errors.add(error("username", "must not be empty"));
		}
		else if (!USERNAME.matcher(username).matches()) {
			errors.add(error("username", "must be 3 to 32 characters of letters, digits, '_', '.' or '-'"));
		}
		if (password == null || password.isEmpty()) {
			errors.add(error("password", "must not be empty"));
		}
		else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
			errors.add(error("password", "must be at least " + MIN_PASSWORD + " characters"));
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			errors.add(error("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes"));
		}
		else if (COMMON_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))
				|| password.chars().distinct().count() < 3) {
			errors.add(error("password", "is too easy to guess"));
		}
		else if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			errors.add(error("password", "must not contain the username"));
		}
		return errors;
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	private static ErrorResponseException invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				String.join("; ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList()));
		problem.setTitle("Invalid registration");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static ErrorResponseException taken(String username) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The username '" + username + "' is taken.");
		problem.setTitle("Username taken");
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

}
