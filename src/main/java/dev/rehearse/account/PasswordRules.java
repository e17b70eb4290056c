package dev.rehearse.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import dev.rehearse.system.ApiProblem;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: 8 characters to 72 bytes (bcrypt ignores the rest), without the
 * username, and hard to guess as zxcvbn estimates it (common passwords, words, names, keyboard
 * patterns, repeats, dates, l33t), at least {@code rehearse.security.password.min-score}. A refusal
 * says why in the user's language, with zxcvbn's warning and suggestions.
 */
@Component
class PasswordRules {

	static final int MIN_LENGTH = 8;

	/** BCrypt only looks at the first 72 bytes; longer passwords would silently be truncated. */
	static final int MAX_BYTES = 72;

	/** zxcvbn's own English feedback, whatever the machine's default locale. */
	private static final ResourceBundle ENGLISH_FEEDBACK = ResourceBundle.getBundle("com/nulabinc/zxcvbn/messages",
			Locale.ROOT, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

	private final Zxcvbn zxcvbn = new Zxcvbn();

	private final MessageSource messages;

	private final int minScore;

	PasswordRules(MessageSource messages, AccountProperties properties) {
		this.messages = messages;
		this.minScore = properties.password().minScore();
	}

	/**
	 * Why the password will not do, as message codes; empty when it is fine. zxcvbn's reasons are
	 * put into {@code locale} here (the language the answer will be written in).
	 */
	List<ApiProblem.FieldMessage> problems(String username, String password, Locale locale) {
		if (password == null || password.isEmpty()) {
			return List.of(problem("validation.not-empty"));
		}
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return List.of(problem("validation.password.too-short", MIN_LENGTH));
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return List.of(problem("validation.password.too-long", MAX_BYTES));
		}
		if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			return List.of(problem("validation.password.contains-username"));
		}
		List<String> context = new ArrayList<>(List.of("rehearse", "interview"));
		if (username != null && !username.isBlank()) {
			context.add(username);
		}
		Strength strength = this.zxcvbn.measure(password, context);
		if (strength.getScore() >= this.minScore) {
			return List.of();
		}
		Feedback feedback = strength.getFeedback().withResourceBundle(new Translated(locale));
		List<String> reasons = new ArrayList<>();
		if (feedback.getWarning() != null && !feedback.getWarning().isBlank()) {
			reasons.add(feedback.getWarning());
		}
		reasons.addAll(feedback.getSuggestions());
		return List.of(reasons.isEmpty() ? problem("account.password.weak") : problem("account.password.weakBecause",
				String.join("zh".equals(locale.getLanguage()) ? "" : " ", reasons)));
	}

	private static ApiProblem.FieldMessage problem(String code, Object... arguments) {
		return new ApiProblem.FieldMessage("password", code, arguments);
	}

	/**
	 * zxcvbn's feedback through our messages ({@code account.password.feedback.<its key>}), falling
	 * back to its own English text for a key we do not have.
	 */
	private final class Translated extends ResourceBundle {

		private final Locale locale;

		Translated(Locale locale) {
			this.locale = locale;
			setParent(ENGLISH_FEEDBACK);
		}

		@Override
		protected Object handleGetObject(String key) {
			return PasswordRules.this.messages.getMessage("account.password.feedback." + key, null, null, this.locale);
		}

		@Override
		public Enumeration<String> getKeys() {
			return Collections.emptyEnumeration();
		}

	}

}
