package dev.rehearse.interview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an answer was delivered, beside what it said: its length, its filler words and its pace.
 * <p>
 * Fillers are counted conservatively, preferring to miss one over blaming a real word:
 * <ul>
 * <li>嗯, 呃 and 啊 always count (a run such as 嗯嗯 counts once); so do um, umm, uh, uhh, erm
 * as whole words.</li>
 * <li>那个, 就是 and 然后 count only as a pause: at the start of the answer or of a clause and
 * followed by a pause (punctuation, a space, the end, or another filler), or repeated back to back
 * (然后然后). "那个线程", "就是说" and "首先…然后再…" do not count.</li>
 * <li>"like" and "you know" count only when set off as a pause: followed by a comma, an ellipsis,
 * a dash or the end ("so, like, the heap"); "you know" also not after do/did/don't/if. "I like
 * Java", "like a queue" and "do you know the answer" do not count. A voice transcript without
 * punctuation therefore shows fewer English fillers than were spoken.</li>
 * </ul>
 * Pace is characters per minute for Chinese (Han characters, letters and digits) and words per
 * minute otherwise, only for a spoken answer ({@code voice}) whose duration of at least a second
 * was given: a typed answer's "rate" measures typing or pasting, not speech, so it gets none.
 * Likewise long pauses (their count and the longest), measured from the recording by the speech
 * server's segments, are kept for a spoken answer only; a typed answer has no pauses to show.
 *
 * @param characters non-whitespace characters (Unicode code points)
 * @param words words: runs of letters or digits, each Han character counting as one
 * @param fillerCount all fillers found
 * @param fillers each filler found and how often, in order of first appearance
 * @param perMinute characters or words per minute, or null unless spoken with a duration
 * @param perMinuteUnit {@code characters} or {@code words}
 * @param inputMode {@code text} or {@code voice} (null in figures stored before it was recorded)
 * @param pauseCount long pauses in a spoken answer, or null (typed, or not measured)
 * @param longestPauseSeconds the longest pause in a spoken answer, or null (typed, or not measured)
 */
record Delivery(int characters, int words, int fillerCount, Map<String, Integer> fillers, Double perMinute,
		String perMinuteUnit, String inputMode, Integer pauseCount, Double longestPauseSeconds) {

	static final String VOICE = "voice";

	/** Below this a duration is a mis-measurement (a click, not an answer), so no pace is given. */
	private static final double MIN_SECONDS = 1.0;

	/** A pause longer than the longest answer is a mis-measurement. */
	private static final double MAX_PAUSE_SECONDS = 3600;

	private static final String PAUSE = "[\\s,，、。.!！?？;；:：…—\\-~～]";

	private static final String START = "(?:^|(?<=" + PAUSE + "))";

	private static final String END = "(?=" + PAUSE + "|$|嗯|呃|啊|那个|就是|然后)";

	/** Each filler and the pattern that finds it as a filler. */
	private static final List<Map.Entry<String, Pattern>> FILLERS = List.of(
			Map.entry("嗯", Pattern.compile("嗯+")), Map.entry("呃", Pattern.compile("呃+")),
			Map.entry("啊", Pattern.compile("啊+")),
			Map.entry("那个", Pattern.compile(START + "那个" + END + "|(?<=那个)那个")),
			Map.entry("就是", Pattern.compile(START + "就是" + END + "|(?<=就是)就是")),
			Map.entry("然后", Pattern.compile(START + "然后" + END + "|(?<=然后)然后")),
			Map.entry("um", Pattern.compile("(?i)\\b(?:um+|erm+)\\b")),
			Map.entry("uh", Pattern.compile("(?i)\\b(?:uh+)\\b")),
			Map.entry("like", Pattern.compile("(?i)\\blike(?=\\s*(?:,|…|\\.\\.\\.|—|--|\\s-\\s|$))")),
			Map.entry("you know", Pattern.compile(
					"(?i)(?<!\\bdo )(?<!\\bdid )(?<!\\bdon't )(?<!\\bif )\\byou know(?=\\s*(?:,|…|\\.|\\?|—|--|$))")));

	private static final Pattern WORD = Pattern.compile("\\p{IsHan}|[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

	/** Measures an answer given by {@code inputMode}; {@code durationSeconds} may be null. */
	static Delivery of(String text, String inputMode, Double durationSeconds) {
		return of(text, inputMode, durationSeconds, null, null);
	}

	/**
	 * Measures an answer given by {@code inputMode}, with the pauses measured in its recording
	 * (each may be null; a negative or impossible figure is dropped rather than shown).
	 */
	static Delivery of(String text, String inputMode, Double durationSeconds, Integer pauseCount,
			Double longestPauseSeconds) {
		String answer = (text != null) ? text : "";
		int characters = (int) answer.codePoints().filter((c) -> !Character.isWhitespace(c)).count();
		int words = count(WORD.matcher(answer));
		int han = count(HAN.matcher(answer));
		Map<String, Integer> fillers = new LinkedHashMap<>();
		int fillerCount = 0;
		for (Map.Entry<String, Pattern> filler : FILLERS) {
			int found = count(filler.getValue().matcher(answer));
			if (found > 0) {
				fillers.put(filler.getKey(), found);
				fillerCount += found;
			}
		}
		boolean chinese = han > 0 && han * 2 >= words;
		String unit = chinese ? "characters" : "words";
		Double perMinute = null;
		if (VOICE.equals(inputMode) && durationSeconds != null && durationSeconds >= MIN_SECONDS) {
			int amount = chinese ? countLettersAndDigits(answer) : words;
			perMinute = Math.round(amount * 600.0 / durationSeconds) / 10.0;
		}
		boolean voice = VOICE.equals(inputMode);
		Integer pauses = (voice && pauseCount != null && pauseCount >= 0) ? pauseCount : null;
		Double longest = (voice && longestPauseSeconds != null && longestPauseSeconds >= 0
				&& longestPauseSeconds <= MAX_PAUSE_SECONDS) ? longestPauseSeconds : null;
		return new Delivery(characters, words, fillerCount, fillers, perMinute, unit, inputMode, pauses, longest);
	}

	private static int countLettersAndDigits(String text) {
		return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
	}

	private static int count(Matcher matcher) {
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
