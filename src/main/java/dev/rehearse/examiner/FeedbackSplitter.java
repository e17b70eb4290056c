package dev.rehearse.examiner;

/**
 * Splits the model's streamed reply into the feedback the candidate reads and the verdict block
 * after the marker. Feedback passes through as it arrives, holding back only what could still
 * turn into the marker (a partial marker at the end of what came so far) and trailing
 * whitespace; nothing from the first marker on is ever released as feedback. The verdict is the
 * text after the LAST marker, so anything the model wrote between two markers is discarded.
 * Not thread-safe: one per attempt, fed in order.
 */
final class FeedbackSplitter {

	private final String marker;

	private final StringBuilder pending = new StringBuilder();

	private StringBuilder verdict;

	FeedbackSplitter(String marker) {
		this.marker = marker;
	}

	/** Takes the next piece of the reply; returns the feedback that can be released now (maybe empty). */
	String accept(String piece) {
		if (this.verdict != null) {
			this.verdict.append(piece);
			return "";
		}
		this.pending.append(piece);
		int at = this.pending.indexOf(this.marker);
		if (at >= 0) {
			String feedback = this.pending.substring(0, at);
			this.verdict = new StringBuilder(this.pending.substring(at + this.marker.length()));
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

	/** The verdict block: the text after the last marker, or null when there was no marker. */
	String verdictBlock() {
		if (this.verdict == null) {
			return null;
		}
		String text = this.verdict.toString();
		int last = text.lastIndexOf(this.marker);
		return (last >= 0) ? text.substring(last + this.marker.length()) : text;
	}

	private int partialMarkerLength() {
		int max = Math.min(this.marker.length() - 1, this.pending.length());
		for (int length = max; length > 0; length--) {
			if (this.pending.substring(this.pending.length() - length).equals(this.marker.substring(0, length))) {
				return length;
			}
		}
		return 0;
	}

}
