package dev.rehearse.tailoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.system.JsonText;

/**
 * Reads the model's plan from its reply the way real models write it: reasoning in
 * {@code <think>} blocks (or before a bare {@code </think>}), the JSON in a code fence, prose
 * before or after it. The JSON object is then checked item by item: a bank pick must name a
 * question offered, a written question needs its text, a reference answer and at least one key
 * point with a title, all within limits; what fails is dropped. A reply with no usable question
 * at all is malformed.
 */
final class PlanParser {

	static final int MAX_QUESTION_CHARS = 1000;

	static final int MAX_REFERENCE_CHARS = 6000;

	static final int MAX_KEY_POINTS = 8;

	static final int MAX_TITLE_CHARS = 120;

	static final int MAX_DETAIL_CHARS = 1000;

	private static final Pattern THINK = Pattern.compile("(?s)<think>.*?</think>");

	private static final Pattern FENCE = Pattern.compile("(?s)```(?:json|JSON)?\\s*(\\{.*?})\\s*```");

	private static final Pattern PICK = Pattern.compile("[Bb]?(\\d{1,4})");

	private static final JsonMapper json = JsonMapper.builder().build();

	private PlanParser() {
	}

	/**
	 * The plan in {@code reply}, with bank picks among {@code offered} candidates and at most
	 * {@code maxWritten} written questions.
	 */
	static ModelPlan parse(String reply, int offered, int maxWritten) {
		JsonNode root = object(reply);
		List<Integer> picks = picks(root.get("bankQuestions"), offered);
		List<ModelPlan.Written> written = new ArrayList<>();
		JsonNode questions = root.get("questions");
		if (questions != null && questions.isArray()) {
			for (JsonNode item : questions) {
				if (written.size() >= maxWritten) {
					break;
				}
				ModelPlan.Written question = written(item);
				if (question != null) {
					written.add(question);
				}
			}
		}
		if (picks.isEmpty() && written.isEmpty()) {
			throw new MalformedPlanException("The plan names no usable question.");
		}
		return new ModelPlan(picks, written);
	}

	/** The reply's JSON object, found past reasoning, fences and prose. */
	static JsonNode object(String reply) {
		if (reply == null) {
			throw new MalformedPlanException("The model sent no plan.");
		}
		String text = THINK.matcher(reply).replaceAll("");
		int closing = text.lastIndexOf("</think>");
		if (closing >= 0) {
			// the chat template opened the reasoning block: everything before its end is reasoning
			text = text.substring(closing + "</think>".length());
		}
		Matcher fenced = FENCE.matcher(text);
		String candidate = fenced.find() ? fenced.group(1) : balanced(text);
		if (candidate == null) {
			throw new MalformedPlanException("The model's reply holds no JSON object.");
		}
		try {
			JsonNode node = json.readTree(candidate);
			if (node == null || !node.isObject()) {
				throw new MalformedPlanException("The model's plan is not a JSON object.");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new MalformedPlanException("The model's plan is not valid JSON.");
		}
	}

	/** The first balanced {@code {...}} of the text, strings taken into account; null if none. */
	static String balanced(String text) {
		int start = text.indexOf('{');
		while (start >= 0) {
			int end = JsonText.objectEnd(text, start);
			if (end > 0) {
				return text.substring(start, end);
			}
			start = text.indexOf('{', start + 1);
		}
		return null;
	}

	private static List<Integer> picks(JsonNode node, int offered) {
		Set<Integer> picks = new LinkedHashSet<>();
		if (node != null && node.isArray()) {
			for (JsonNode item : node) {
				Matcher number = PICK.matcher(item.isNumber() ? item.asString() : text(item));
				if (number.matches()) {
					int index = Integer.parseInt(number.group(1)) - 1;
					if (index >= 0 && index < offered) {
						picks.add(index);
					}
				}
			}
		}
		return List.copyOf(picks);
	}

	private static ModelPlan.Written written(JsonNode item) {
		if (item == null || !item.isObject()) {
			return null;
		}
		String text = text(item.get("question"));
		String reference = text(item.get("referenceAnswer"));
		if (text.isEmpty() || reference.isEmpty() || text.length() > MAX_QUESTION_CHARS
				|| reference.length() > MAX_REFERENCE_CHARS) {
			return null;
		}
		List<KeyPoint> points = new ArrayList<>();
		JsonNode keyPoints = item.get("keyPoints");
		if (keyPoints != null && keyPoints.isArray()) {
			for (JsonNode point : keyPoints) {
				String title = point.isObject() ? text(point.get("title")) : text(point);
				String detail = point.isObject() ? text(point.get("detail")) : "";
				if (!title.isEmpty() && title.length() <= MAX_TITLE_CHARS && detail.length() <= MAX_DETAIL_CHARS
						&& points.size() < MAX_KEY_POINTS) {
					points.add(new KeyPoint(title, detail));
				}
			}
		}
		if (points.isEmpty()) {
			return null;
		}
		String phase = Plan.PROJECT.equals(text(item.get("phase"))) ? Plan.PROJECT : Plan.TECHNICAL;
		String category = text(item.get("category"));
		return new ModelPlan.Written(phase, category.isEmpty() || category.length() > 100 ? phase : category, text,
				reference, points);
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.asString().strip() : "";
	}

}
