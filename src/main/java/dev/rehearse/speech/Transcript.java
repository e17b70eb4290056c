package dev.rehearse.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a recording said and how it was spoken, as {@code POST /api/speech/transcriptions} answers.
 * The timing comes from the segments the speech server gives ({@code verbose_json}): speech time is
 * the time covered by segments, a pause is a gap of at least {@code rehearse.speech.long-pause}
 * between two segments (silence before the first and after the last is thinking and the end of the
 * turn, not a pause). Without segments these are null. Segment times are the recogniser's: Whisper
 * tends to stretch a segment over a short silence, so short pauses are undercounted, never invented.
 *
 * @param text the transcript
 * @param language the language spoken (as requested, else as the server detected it)
 * @param durationSeconds how long the recording plays, when known
 * @param speechSeconds time spent speaking, when segments were given
 * @param pauseCount long pauses between segments, when segments were given
 * @param longestPauseSeconds longest gap between two segments, when segments were given
 * @param segments the segments, in order; empty when the server gave none
 */
record Transcript(String text, String language, Double durationSeconds, Double speechSeconds, Integer pauseCount,
		Double longestPauseSeconds, List<Segment> segments) {

	/**
	 * A stretch of speech.
	 *
	 * @param start where it starts, in seconds from the recording's start
	 * @param end where it ends
	 * @param text what was said
	 */
	record Segment(double start, double end, String text) {
	}

	/** The transcript with its timing worked out from {@code segments}. */
	static Transcript of(String text, String language, Double durationSeconds, List<Segment> segments,
			Duration longPause) {
		List<Segment> ordered = new ArrayList<>(segments);
		ordered.removeIf((segment) -> !(segment.end() >= segment.start()) || segment.start() < 0);
		ordered.sort(Comparator.comparingDouble(Segment::start));
		if (ordered.isEmpty()) {
			return new Transcript(text, language, durationSeconds, null, null, null, List.copyOf(segments));
		}
		double threshold = longPause.toMillis() / 1000.0;
		double speech = 0;
		double longest = 0;
		int pauses = 0;
		double reached = ordered.get(0).start();
		for (Segment segment : ordered) {
			double gap = segment.start() - reached;
			if (gap > 0) {
				longest = Math.max(longest, gap);
				if (gap >= threshold) {
					pauses++;
				}
			}
			// overlapping segments are counted once
			speech += Math.max(0, segment.end() - Math.max(segment.start(), reached));
			reached = Math.max(reached, segment.end());
		}
		return new Transcript(text, language, durationSeconds, round(speech), pauses, round(longest),
				List.copyOf(ordered));
	}

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}

}
