package dev.rehearse.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Registers accounts: checks the username and password (all reasons at once, as
 * {@code errors: [{field, message}]}, in the user's language), refuses the configured admin names
 * (admins are created from configuration, see {@link AdminAccounts}), takes one registration from
 * the client address's allowance, hashes the password off the event loop, and turns a taken
 * username into a 409 even when two registrations race.
 */
@Component
class Registration {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AccountUserDetailsService users;

	private final PasswordRules passwordRules;

	private final CreationLimits limits;

	private final AccountProperties properties;

	private final MessageSource messages;

	Registration(AccountRepository accounts, PasswordEncoder passwordEncoder, AccountUserDetailsService users,
			PasswordRules passwordRules, CreationLimits limits, AccountProperties properties, MessageSource messages) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.users = users;
		this.passwordRules = passwordRules;
		this.limits = limits;
		this.properties = properties;
		this.messages = messages;
	}

	Mono<AccountUser> register(String username, String password, Locale locale, String address) {
		List<Map<String, String>> errors = new ArrayList<>();
		if (username == null || username.isBlank()) {
			errors.add(error("username", message("account.username.empty", locale)));
		}
		else if (!USERNAME.matcher(username).matches()) {
			errors.add(error("username", message("account.username.invalid", locale)));
		}
		else if (this.properties.isAdmin(username)) {
			return Mono.error(conflict("Username reserved", message("account.username.reserved", locale, username)));
		}
		this.passwordRules.problems(username, password, locale)
			.forEach((problem) -> errors.add(error("password", problem)));
		if (!errors.isEmpty()) {
			return Mono.error(invalid(errors, locale));
		}
		Mono<Void> allowance = this.limits.register(address, (retryAfter) -> CreationLimits
			.refusal("Too many registrations", message("account.registration.limited", locale, retryAfter), retryAfter));
		// only a registration that would create an account takes one from the address's allowance
		return this.accounts.findByUsername(username)
			.flatMap((existing) -> Mono.<Account>error(taken(username, locale)))
			.switchIfEmpty(allowance
				.then(Mono.fromCallable(() -> this.passwordEncoder.encode(password)).subscribeOn(Schedulers.boundedElastic()))
				.flatMap((hash) -> this.accounts.save(new Account(null, username, hash, null))))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> taken(username, locale))
			.map(this.users::toUser);
	}

	private String message(String code, Locale locale, Object... arguments) {
		return this.messages.getMessage(code, arguments, locale);
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	private ErrorResponseException invalid(List<Map<String, String>> errors, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				String.join("; ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList()));
		problem.setTitle(message("account.registration.invalid", locale));
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private ErrorResponseException taken(String username, Locale locale) {
		return conflict("Username taken", message("account.username.taken", locale, username));
	}

	private static ErrorResponseException conflict(String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setTitle(title);
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

}
