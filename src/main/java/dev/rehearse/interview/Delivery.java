package dev.rehearse.interview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

	/**
	 * A filler, the pattern that finds it as a filler, and the text it needs to appear at all (in
	 * the lower-cased answer), so that most answers skip most patterns.
	 */
	private record Filler(String name, Pattern pattern, List<String> needs) {

		int count(String answer, String lowerCase) {
			for (String needed : this.needs) {
				if (lowerCase.contains(needed)) {
					return Delivery.count(this.pattern.matcher(answer));
				}
			}
			return 0;
		}

	}

	private static final List<Filler> FILLERS = List.of(new Filler("嗯", Pattern.compile("嗯+"), List.of("嗯")),
			new Filler("呃", Pattern.compile("呃+"), List.of("呃")), new Filler("啊", Pattern.compile("啊+"), List.of("啊")),
			new Filler("那个", Pattern.compile(START + "那个" + END + "|(?<=那个)那个"), List.of("那个")),
			new Filler("就是", Pattern.compile(START + "就是" + END + "|(?<=就是)就是"), List.of("就是")),
			new Filler("然后", Pattern.compile(START + "然后" + END + "|(?<=然后)然后"), List.of("然后")),
			new Filler("um", Pattern.compile("(?i)\\b(?:um+|erm+)\\b"), List.of("um", "erm")),
			new Filler("uh", Pattern.compile("(?i)\\b(?:uh+)\\b"), List.of("uh")),
			new Filler("like", Pattern.compile("(?i)\\blike(?=\\s*(?:,|…|\\.\\.\\.|—|--|\\s-\\s|$))"), List.of("like")),
			new Filler("you know", Pattern.compile(
					"(?i)(?<!\\bdo )(?<!\\bdid )(?<!\\bdon't )(?<!\\bif )\\byou know(?=\\s*(?:,|…|\\.|\\?|—|--|$))"),
					List.of("you know")));

	private static final Pattern WORD = Pattern.compile("\\p{IsHan}|[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");

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
		int han = (int) answer.codePoints().filter((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
		String lowerCase = answer.toLowerCase(Locale.ROOT);
		Map<String, Integer> fillers = new LinkedHashMap<>();
		int fillerCount = 0;
		for (Filler filler : FILLERS) {
			int found = filler.count(answer, lowerCase);
			if (found > 0) {
				fillers.put(filler.name(), found);
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
