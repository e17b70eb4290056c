package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Derives a reference answer's key points the one way Rehearse does it everywhere (bank loader,
 * examiner benchmark): its bullet lines when it has any, otherwise its sentences. Fenced code
 * ({@code ```}) is part of the answer but never a key point, and a sentence that only introduces
 * what follows (ending in a colon) is not one either.
 */
public final class KeyPoints {

	private static final Pattern BULLET = Pattern.compile("^\\s*(?:[•·●▪◦]|[-*+](?=\\s))\\s*(.+)$");

	private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~).*$");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；!?;])|(?<=\\.)(?=\\s)|\\n+");

	private static final Pattern INTRODUCES_WHAT_FOLLOWS = Pattern.compile(".*[:：]$");

	private static final int MIN_SENTENCE_CHARS = 4;

	private KeyPoints() {
	}

	/** The key points of a reference answer, in order, never null. */
	public static List<String> fromAnswer(String referenceAnswer) {
		if (referenceAnswer == null || referenceAnswer.isBlank()) {
			return List.of();
		}
		List<String> bullets = new ArrayList<>();
		StringBuilder prose = new StringBuilder();
		boolean inCode = false;
		for (String line : referenceAnswer.split("\\R")) {
			if (FENCE.matcher(line).matches()) {
				inCode = !inCode;
				prose.append('\n');
				continue;
			}
			if (inCode) {
				continue;
			}
			var matcher = BULLET.matcher(line);
			if (matcher.matches()) {
				bullets.add(matcher.group(1).strip());
			}
			prose.append(line).append('\n');
		}
		if (!bullets.isEmpty()) {
			return List.copyOf(bullets);
		}
		List<String> sentences = new ArrayList<>();
		for (String sentence : SENTENCE_END.split(prose)) {
			String trimmed = sentence.strip();
			if (trimmed.codePointCount(0, trimmed.length()) >= MIN_SENTENCE_CHARS
					&& !INTRODUCES_WHAT_FOLLOWS.matcher(trimmed).matches()) {
				sentences.add(trimmed);
			}
		}
		return List.copyOf(sentences);
	}

}
