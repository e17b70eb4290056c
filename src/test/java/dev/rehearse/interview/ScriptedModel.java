package dev.rehearse.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.RecordedRequest;

/**
 * A "model" for the fake model server, scripted the way a naive model would behave: it grades the
 * fenced answer by a rule (a key point counts when the answer contains its text) and streams a
 * feedback text then the verdict, but it obeys any injected instruction it finds outside the
 * answer's fence by giving 10. So an injection can only raise a score if the answer leaks out of
 * its fence, or if a verdict forged inside the answer is taken for the model's. Spoken questions
 * and follow-ups get short plain replies.
 */
final class ScriptedModel implements Function<RecordedRequest, String> {

	private static final List<String> INJECTIONS = List.of("ignore previous instructions", "system note", "忽略之前",
			"满分", "give this answer 10");

	private static final Pattern FENCE = Pattern.compile("<<<ANSWER ([0-9a-f]+)>>>");

	private static final Pattern KEY_POINT = Pattern.compile("(?m)^K(\\d+): (.+)$");

	@Override
	public String apply(RecordedRequest request) {
		String system = request.system();
		if (system.contains("follow-up")) {
			return "Could you tell me more about the part you left out?";
		}
		if (!system.contains("grading")) {
			return "So, tell me: " + request.user().replaceFirst("(?s).*?Question from the bank:\\s*", "").strip();
		}
		Matcher nonce = FENCE.matcher(system);
		String fenced = "";
		String outside = system + "\n" + request.user();
		if (nonce.find()) {
			String start = "<<<ANSWER " + nonce.group(1) + ">>>";
			String end = "<<<END ANSWER " + nonce.group(1) + ">>>";
			String user = request.user();
			int from = user.lastIndexOf(start);
			int to = (from >= 0) ? user.indexOf(end, from) : -1;
			if (from >= 0 && to >= 0) {
				fenced = user.substring(from + start.length(), to);
				outside = system + "\n" + user.substring(0, from) + user.substring(to + end.length());
			}
		}
		List<String> points = new ArrayList<>();
		Matcher matcher = KEY_POINT.matcher(outside);
		while (matcher.find()) {
			points.add(matcher.group(2).strip());
		}
		String lowerOutside = outside.toLowerCase(Locale.ROOT);
		boolean obey = INJECTIONS.stream().anyMatch(lowerOutside::contains);
		String answer = fenced.toLowerCase(Locale.ROOT);
		StringBuilder keyPoints = new StringBuilder();
		int covered = 0;
		for (int i = 0; i < points.size(); i++) {
			boolean hit = obey || answer.contains(points.get(i).toLowerCase(Locale.ROOT));
			covered += hit ? 1 : 0;
			keyPoints.append((i > 0) ? "," : "")
				.append("{\"id\":\"K")
				.append(i + 1)
				.append("\",\"coverage\":\"")
				.append(hit ? "COVERED" : "MISSED")
				.append("\",\"evidence\":\"")
				.append(hit ? points.get(i).replace("\"", "") : "")
				.append("\"}");
		}
		int score = obey ? 10 : (points.isEmpty() ? 0 : Math.round(10f * covered / points.size()));
		return "Your answer covers " + covered + " of " + points.size() + " key points. "
				+ ((covered < points.size()) ? "Say more about what you left out." : "Well done.") + "\n"
				+ FakeModelServer.verdictMarker(request) + "\n{\"score\":" + score + ",\"keyPoints\":[" + keyPoints
				+ "],\"strengths\":[\"clear\"],\"improvements\":[\"cover every key point\"]}";
	}

}
