package dev.rehearse.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.system.ApiProblem;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

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

	Registration(AccountRepository accounts, PasswordEncoder passwordEncoder, AccountUserDetailsService users,
			PasswordRules passwordRules, CreationLimits limits, AccountProperties properties) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.users = users;
		this.passwordRules = passwordRules;
		this.limits = limits;
		this.properties = properties;
	}

	Mono<AccountUser> register(String username, String password, Locale locale, String address) {
		List<ApiProblem.FieldMessage> errors = new ArrayList<>();
		if (username == null || username.isBlank()) {
			errors.add(new ApiProblem.FieldMessage("username", "validation.not-empty"));
		}
		else if (!USERNAME.matcher(username).matches()) {
			errors.add(new ApiProblem.FieldMessage("username", "validation.username.format"));
		}
		else if (this.properties.isAdmin(username)) {
			return Mono.error(ApiProblem.of(HttpStatus.CONFLICT, "account.username.reserved", username)
				.titled("account.username.reserved.title"));
		}
		errors.addAll(this.passwordRules.problems(username, password, locale));
		if (!errors.isEmpty()) {
			return Mono.error(ApiProblem.invalid(errors).titled("registration.invalid.title"));
		}
		Mono<Void> allowance = this.limits.register(address, (retryAfter) -> {
			ApiProblem limited = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "account.registration.limited", retryAfter);
			limited.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			return limited;
		});
		// only a registration that would create an account takes one from the address's allowance
		return this.accounts.findByUsername(username)
			.flatMap((existing) -> Mono.<Account>error(taken(username)))
			.switchIfEmpty(allowance
				.then(Mono.fromCallable(() -> this.passwordEncoder.encode(password)).subscribeOn(Schedulers.boundedElastic()))
				.flatMap((hash) -> this.accounts.save(new Account(null, username, hash, null))))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> taken(username))
			.map(this.users::toUser);
	}

	private static ApiProblem taken(String username) {
		return ApiProblem.of(HttpStatus.CONFLICT, "registration.taken", username).titled("registration.taken.title");
	}

}
