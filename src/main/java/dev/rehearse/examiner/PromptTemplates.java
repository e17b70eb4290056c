package dev.rehearse.examiner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.rehearse.system.Placeholders;

import org.springframework.core.io.ClassPathResource;

/**
 * The versioned prompt files under {@code prompts/}: {@code examiner-<purpose>-<version>-<role>.st}.
 * Rendered by one pass of {@code {name}} substitution over the template only: values are never
 * scanned again, so a candidate's answer cannot smuggle in template syntax, and the JSON
 * examples in the templates need no escaping (unknown {@code {...}} stay as written).
 */
final class PromptTemplates {

	private final String version;

	private final Map<String, String> cache = new ConcurrentHashMap<>();

	PromptTemplates(String version) {
		this.version = version;
		// Fail at start-up, not at the first grading, when a version's files are missing.
		for (String purpose : new String[] { "grade", "spoken", "followup" }) {
			template(purpose, "system");
			template(purpose, "user");
		}
	}

	String version() {
		return this.version;
	}

	/** The named template rendered with these values. */
	String render(String purpose, String role, Map<String, String> values) {
		return Placeholders.fill(template(purpose, role), values);
	}

	private String template(String purpose, String role) {
		String path = "prompts/examiner-" + purpose + "-" + this.version + "-" + role + ".st";
		return this.cache.computeIfAbsent(path, (p) -> {
			try {
				return new ClassPathResource(p).getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No prompt template " + p, ex);
			}
		});
	}

}
