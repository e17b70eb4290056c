package dev.rehearse.system;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders in a prompt template. One pass over the template only: a value
 * (a candidate's answer, a job description) is never scanned for placeholders itself, so it cannot
 * smuggle another value into the prompt.
 */
public final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");

	private Placeholders() {
	}

	/** The template with each known {@code {name}} replaced by its value; unknown ones stay as written. */
	public static String fill(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
