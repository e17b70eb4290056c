package dev.rehearse.examiner;

/**
 * Splits the model's streamed reply into the feedback the candidate reads and the verdict block
 * after the marker. The prompt asks for a marker line carrying the request's nonce
 * ({@code <<<VERDICT 3f…>>>}); any line starting {@code <<<VERDICT} counts, so a model that
 * garbles the nonce still delivers its verdict (the answer cannot supply one: the examiner
 * defuses {@code <<<} in it before the model sees it).
 * <p>
 * Feedback passes through as it arrives, holding back only what could still turn into the
 * marker (a partial marker at the end of what came so far) and trailing whitespace; nothing
 * from the first marker on is ever released as feedback. The verdict is the text after the LAST
 * marker. Not thread-safe: one per attempt, fed in order.
 */
final class FeedbackSplitter {

	static final String MARKER_PREFIX = "<<<VERDICT";

	private static final String MARKER_END = ">>>";

	private final StringBuilder pending = new StringBuilder();

	private StringBuilder verdict;

	/** Takes the next piece of the reply; returns the feedback that can be released now (maybe empty). */
	String accept(String piece) {
		if (this.verdict != null) {
			this.verdict.append(piece);
			return "";
		}
		this.pending.append(piece);
		int at = this.pending.indexOf(MARKER_PREFIX);
		if (at >= 0) {
			String feedback = this.pending.substring(0, at);
			this.verdict = new StringBuilder(this.pending.substring(at));
			this.pending.setLength(0);
			return feedback.stripTrailing();
		}
		int keep = partialMarkerLength();
		while (keep < this.pending.length()
				&& Character.isWhitespace(this.pending.charAt(this.pending.length() - keep - 1))) {
			keep++;
		}
		String release = this.pending.substring(0, this.pending.length() - keep);
		this.pending.delete(0, this.pending.length() - keep);
		return release;
	}

	/** Whether the marker has been seen. */
	boolean sawMarker() {
		return this.verdict != null;
	}

	/** The verdict block: the text after the last marker line, or null when there was no marker. */
	String verdictBlock() {
		if (this.verdict == null) {
			return null;
		}
		String text = this.verdict.toString();
		String after = text.substring(text.lastIndexOf(MARKER_PREFIX) + MARKER_PREFIX.length());
		int end = after.indexOf(MARKER_END);
		int json = after.indexOf('{');
		return (end >= 0 && (json < 0 || end < json)) ? after.substring(end + MARKER_END.length()) : after;
	}

	private int partialMarkerLength() {
		int max = Math.min(MARKER_PREFIX.length() - 1, this.pending.length());
		for (int length = max; length > 0; length--) {
			if (this.pending.substring(this.pending.length() - length).equals(MARKER_PREFIX.substring(0, length))) {
				return length;
			}
		}
		return 0;
	}

}
