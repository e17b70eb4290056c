package dev.rehearse.system;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value, as the model and speech servers send it.
 * <p>
 * RFC 9110 allows whole seconds or an HTTP date; OpenAI-compatible servers also send fractions of
 * a second, so any decimal number is read as seconds. A date in the past means "now".
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/** The wait a {@code Retry-After} value asks for; empty when the value is missing or unreadable. */
	public static Optional<Duration> parse(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000))));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

}
