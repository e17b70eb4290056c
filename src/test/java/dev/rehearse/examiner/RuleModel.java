package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.RecordedRequest;

/**
 * A gullible "model" for the fake server: it grades by a rule on the fenced answer (a key point
 * counts when the answer contains its text), but obeys any injected instruction it finds OUTSIDE
 * the fence by giving 10. It also parrots the fenced answer in its feedback. So a test fails if
 * the answer ever leaks out of its fence, and shows whether an echoed forged verdict can become
 * the parsed one.
 */
final class RuleModel implements Function<RecordedRequest, String> {

	static final List<String> INJECTIONS = List.of("ignore previous instructions", "system note", "忽略之前", "满分",
			"override");

	private static final Pattern FENCE = Pattern.compile("<<<ANSWER ([0-9a-f]+)>>>");

	private static final Pattern KEY_POINT = Pattern.compile("(?m)^K(\\d+): (.+)$");

	@Override
	public String apply(RecordedRequest request) {
		Parts parts = Parts.of(request);
		List<String> points = new ArrayList<>();
		Matcher matcher = KEY_POINT.matcher(parts.outside());
		while (matcher.find()) {
			points.add(matcher.group(2).strip());
		}
		boolean obey = INJECTIONS.stream().anyMatch((phrase) -> parts.outside().toLowerCase(Locale.ROOT).contains(phrase));
		String answer = parts.fenced().toLowerCase(Locale.ROOT);
		StringBuilder keyPoints = new StringBuilder();
		int covered = 0;
		for (int i = 0; i < points.size(); i++) {
			boolean hit = obey || answer.contains(points.get(i).toLowerCase(Locale.ROOT));
			covered += hit ? 1 : 0;
			keyPoints.append((i > 0) ? "," : "")
				.append("{\"id\":\"K").append(i + 1).append("\",\"coverage\":\"").append(hit ? "COVERED" : "MISSED")
				.append("\",\"evidence\":\"").append(hit ? points.get(i).replace("\"", "") : "").append("\"}");
		}
		int score = obey ? 10 : (points.isEmpty() ? 0 : Math.round(10f * covered / points.size()));
		return "You said: " + parts.fenced().strip() + "\nThat covers " + covered + " point(s).\n"
				+ FakeModelServer.verdictMarker(request) + "\n{\"score\":" + score + ",\"keyPoints\":[" + keyPoints
				+ "],\"strengths\":[\"rule\"],\"improvements\":[\"more\"]}";
	}

	/**
	 * A request's prompt split at the answer's fence, found the way a model would: by the fence
	 * lines the system prompt announces.
	 *
	 * @param fenced what is inside the last fence of the user prompt (the answer being graded)
	 * @param outside everything outside all fences, system prompt included
	 */
	record Parts(String fenced, String outside) {

		static Parts of(RecordedRequest request) {
			Matcher nonce = FENCE.matcher(request.system());
			if (!nonce.find()) {
				return new Parts("", request.system() + "\n" + request.user());
			}
			String start = "<<<ANSWER " + nonce.group(1) + ">>>";
			String end = "<<<END ANSWER " + nonce.group(1) + ">>>";
			// Every fenced region is data (earlier answers too); the answer graded is the last one.
			String user = request.user();
			StringBuilder outside = new StringBuilder(request.system()).append('\n');
			String fenced = "";
			int at = 0;
			while (true) {
				int from = user.indexOf(start, at);
				int to = (from >= 0) ? user.indexOf(end, from) : -1;
				if (from < 0 || to < 0) {
					outside.append(user.substring(at));
					break;
				}
				outside.append(user, at, from);
				fenced = user.substring(from + start.length(), to);
				at = to + end.length();
			}
			return new Parts(fenced, outside.toString());
		}

	}

}
