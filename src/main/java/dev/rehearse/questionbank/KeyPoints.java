package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Derives a reference answer's key points the one way Rehearse does it everywhere (bank loader,
 * examiner benchmark): its bullet lines when it has any, otherwise its sentences.
 */
public final class KeyPoints {

	private static final Pattern BULLET = Pattern.compile("^\\s*(?:[•·●▪◦]|[-*+](?=\\s))\\s*(.+)$");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；!?;])|(?<=\\.)(?=\\s)|\\n+");

	private static final int MIN_SENTENCE_CHARS = 4;

	private KeyPoints() {
	}

	/** The key points of a reference answer, in order, never null. */
	public static List<String> fromAnswer(String referenceAnswer) {
		if (referenceAnswer == null || referenceAnswer.isBlank()) {
			return List.of();
		}
		List<String> bullets = new ArrayList<>();
		for (String line : referenceAnswer.split("\\R")) {
			var matcher = BULLET.matcher(line);
			if (matcher.matches()) {
				bullets.add(matcher.group(1).strip());
			}
		}
		if (!bullets.isEmpty()) {
			return List.copyOf(bullets);
		}
		List<String> sentences = new ArrayList<>();
		for (String sentence : SENTENCE_END.split(referenceAnswer)) {
			String trimmed = sentence.strip();
			if (trimmed.codePointCount(0, trimmed.length()) >= MIN_SENTENCE_CHARS) {
				sentences.add(trimmed);
			}
		}
		return List.copyOf(sentences);
	}

}
