package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;
import dev.rehearse.questionbank.KeyPoint;

/**
 * Turns the JSON after the model's verdict marker into a {@link Verdict}, strictly: a missing,
 * non-numeric or out-of-range score is rejected; key points are mapped back to the bank's
 * (by id {@code K<n>} or by their exact text), unknown ones dropped and unmentioned ones marked
 * missed; evidence that is not the candidate's own words downgrades the point one level, evidence
 * that is becomes the candidate's clause holding it ({@link AnswerClauses#around}); the summary
 * is one bounded sentence; lists are trimmed and bounded.
 */
final class VerdictParser {

	static final int MAX_ITEMS = 5;

	static final int MAX_ITEM_CHARS = 300;

	/** The longest summary sentence kept. */
	static final int MAX_SUMMARY_CHARS = 200;

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Pattern KEY_ID = Pattern.compile("(?i)^\\s*k?\\s*(\\d+)\\s*$");

	private static final Pattern ELLIPSIS = Pattern.compile("\\s*(?:\\.\\.\\.+|…+)\\s*");

	private static final Pattern SPACE = Pattern.compile("\\s+");

	private static final Pattern SENTENCE_END = Pattern.compile("[。！？!?]|\\.(?=\\s)");

	private VerdictParser() {
	}

	static Verdict parse(String block, QuestionContext question, String answer, Verdict.Provenance provenance) {
		JsonNode root = readObject(block);
		double score = score(root.get("score"));
		List<KeyPointResult> keyPoints = keyPoints(root.get("keyPoints"), question.keyPoints(), answer);
		return new Verdict(score, keyPoints, strings(root.get("strengths")), strings(root.get("improvements")),
				provenance, summary(root.get("summary")));
	}

	/** One sentence, on one line, bounded: the first sentence of a longer text, cut at a word boundary. */
	static String summary(JsonNode node) {
		String text = SPACE.matcher(text(node)).replaceAll(" ").strip();
		var sentence = SENTENCE_END.matcher(text);
		if (sentence.find() && sentence.end() < text.length()) {
			text = text.substring(0, sentence.end()).strip();
		}
		if (text.length() <= MAX_SUMMARY_CHARS) {
			return text;
		}
		int cut = MAX_SUMMARY_CHARS;
		while (cut > MAX_SUMMARY_CHARS / 2 && !Character.isWhitespace(text.charAt(cut))
				&& Character.UnicodeScript.of(text.codePointAt(cut)) != Character.UnicodeScript.HAN) {
			cut--;
		}
		if (Character.isLowSurrogate(text.charAt(cut))) {
			cut--;
		}
		return text.substring(0, cut).strip() + "…";
	}

	private static JsonNode readObject(String block) {
		if (block == null) {
			throw new MalformedVerdictException("The model wrote no verdict block");
		}
		int start = block.indexOf('{');
		if (start < 0) {
			throw new MalformedVerdictException("The verdict block holds no JSON object");
		}
		// The first JSON value after the marker; whatever a chatty model writes after it is ignored.
		try (JsonParser parser = json.createParser(block.substring(start))) {
			JsonNode root = json.readTree(parser);
			if (root == null || !root.isObject()) {
				throw new MalformedVerdictException("The verdict is not a JSON object");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new MalformedVerdictException("The verdict is not valid JSON", ex);
		}
	}

	private static double score(JsonNode node) {
		double score;
		if (node != null && node.isNumber()) {
			score = node.asDouble();
		}
		else if (node != null && node.isString()) {
			try {
				score = Double.parseDouble(node.asString().strip());
			}
			catch (NumberFormatException ex) {
				throw new MalformedVerdictException("The verdict's score is not a number: " + node);
			}
		}
		else {
			throw new MalformedVerdictException("The verdict has no score");
		}
		if (Double.isNaN(score) || score < 0 || score > 10) {
			// Out of range means the model lost the scale (or was talked into one): never guess.
			throw new MalformedVerdictException("The verdict's score is outside 0 to 10: " + score);
		}
		return Math.round(score * 10) / 10.0;
	}

	private static List<KeyPointResult> keyPoints(JsonNode node, List<KeyPoint> bankPoints, String answer) {
		Map<Integer, KeyPointResult> found = new LinkedHashMap<>();
		if (node != null && node.isArray()) {
			for (JsonNode item : node) {
				int index = indexOf(item, bankPoints);
				if (index < 0 || found.containsKey(index)) {
					continue; // unknown or repeated: not the bank's point, dropped
				}
				Coverage coverage = coverage(item.path("coverage").asString(""));
				String evidence = text(item.path("evidence")).strip();
				found.put(index, checked(bankPoints.get(index), coverage, evidence, answer));
			}
		}
		List<KeyPointResult> results = new ArrayList<>();
		for (int i = 0; i < bankPoints.size(); i++) {
			results.add(found.getOrDefault(i, new KeyPointResult(bankPoints.get(i), Coverage.MISSED, "")));
		}
		return results;
	}

	private static int indexOf(JsonNode item, List<KeyPoint> bankPoints) {
		var id = KEY_ID.matcher(text(item.path("id")));
		if (id.matches()) {
			int index = Integer.parseInt(id.group(1)) - 1;
			return (index >= 0 && index < bankPoints.size()) ? index : -1;
		}
		String point = squash(text(item.path("point")));
		for (int i = 0; i < bankPoints.size(); i++) {
			KeyPoint candidate = bankPoints.get(i);
			if (!point.isEmpty() && (squash(candidate.title()).equals(point) || squash(candidate.text()).equals(point))) {
				return i;
			}
		}
		return -1;
	}

	private static Coverage coverage(String value) {
		return switch (value.strip().toUpperCase(Locale.ROOT)) {
			case "COVERED", "FULL", "FULLY", "YES" -> Coverage.COVERED;
			case "PARTLY", "PARTIAL", "PARTIALLY" -> Coverage.PARTLY;
			default -> Coverage.MISSED;
		};
	}

	/** Covered points must quote the answer; a claim the answer does not back drops one level. */
	private static KeyPointResult checked(KeyPoint point, Coverage coverage, String evidence, String answer) {
		if (coverage == Coverage.MISSED) {
			return new KeyPointResult(point, Coverage.MISSED, "");
		}
		String quote = unquote(evidence);
		if (!quote.isEmpty() && quotes(answer, quote)) {
			// The model's quote, fragment or paragraph, becomes the candidate's clause that holds it.
			for (String fragment : ELLIPSIS.split(quote)) {
				String clause = AnswerClauses.around(answer, fragment);
				if (!clause.isEmpty()) {
					return new KeyPointResult(point, coverage, clause);
				}
			}
		}
		return (coverage == Coverage.COVERED) ? new KeyPointResult(point, Coverage.PARTLY, "")
				: new KeyPointResult(point, Coverage.MISSED, "");
	}

	/** Whether every fragment of the quote (split at ellipses) appears in the answer, ignoring case and spacing. */
	static boolean quotes(String answer, String quote) {
		String haystack = squash(answer);
		boolean any = false;
		for (String fragment : ELLIPSIS.split(quote)) {
			String needle = squash(fragment);
			if (needle.isEmpty()) {
				continue;
			}
			if (!haystack.contains(needle)) {
				return false;
			}
			any = true;
		}
		return any;
	}

	private static String unquote(String text) {
		return text.replaceAll("^[\"'“”‘’「」『』]+|[\"'“”‘’「」『』]+$", "").strip();
	}

	private static String squash(String text) {
		return SPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
	}

	private static List<String> strings(JsonNode node) {
		List<String> items = new ArrayList<>();
		if (node != null && node.isArray()) {
			for (JsonNode item : node) {
				String value = text(item).strip();
				if (!value.isEmpty() && items.size() < MAX_ITEMS) {
					items.add(truncate(value));
				}
			}
		}
		else if (node != null && node.isString() && !node.asString().isBlank()) {
			items.add(truncate(node.asString().strip()));
		}
		return items;
	}

	private static String text(JsonNode node) {
		return (node != null && (node.isString() || node.isNumber())) ? node.asString() : "";
	}

	private static String truncate(String text) {
		return (text.length() > MAX_ITEM_CHARS) ? text.substring(0, MAX_ITEM_CHARS) + "…" : text;
	}

}
