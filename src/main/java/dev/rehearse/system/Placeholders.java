package dev.rehearse.system;

import java.util.Map;

/**
 * Fills {@code {name}} placeholders in a prompt template. One pass over the template only: a value
 * (a candidate's answer, a job description) is never scanned for placeholders itself, so it cannot
 * smuggle another value into the prompt.
 */
public final class Placeholders {

	private Placeholders() {
	}

	/** The template with each known {@code {name}} replaced by its value; unknown ones stay as written. */
	public static String fill(String template, Map<String, String> values) {
		// A plain scan rather than a regular expression: prompts are rendered on every answer, and the
		// values (answers, reference answers) are long, so copying them once is what it should cost.
		StringBuilder out = new StringBuilder(template.length() + 256);
		int copied = 0;
		int open = template.indexOf('{');
		while (open >= 0) {
			int end = nameEnd(template, open + 1);
			if (end > open + 1 && end < template.length() && template.charAt(end) == '}') {
				String value = values.get(template.substring(open + 1, end));
				if (value != null) {
					out.append(template, copied, open).append(value);
					copied = end + 1;
				}
				open = template.indexOf('{', end + 1);
			}
			else {
				open = template.indexOf('{', open + 1);
			}
		}
		return out.append(template, copied, template.length()).toString();
	}

	/** Where a name ({@code [a-zA-Z][a-zA-Z0-9]*}) starting at {@code start} ends; {@code start} when there is none. */
	private static int nameEnd(String template, int start) {
		int i = start;
		while (i < template.length() && (isAsciiLetter(template.charAt(i)) || (i > start && isAsciiDigit(template.charAt(i))))) {
			i++;
		}
		return i;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isAsciiDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
