package dev.rehearse.examiner;

import java.util.List;

/**
 * The examiner's judgement of one answer.
 *
 * @param score 0 to 10
 * @param keyPoints each of the question's key points with how well the answer covered it
 * @param strengths what the answer did well
 * @param improvements what to do better
 * @param provenance who graded, and how
 */
public record Verdict(double score, List<KeyPointResult> keyPoints, List<String> strengths, List<String> improvements,
		Provenance provenance) {

	public Verdict {
		if (Double.isNaN(score) || score < 0 || score > 10) {
			throw new IllegalArgumentException("score must be within 0 and 10, was " + score);
		}
		keyPoints = List.copyOf(keyPoints);
		strengths = List.copyOf(strengths);
		improvements = List.copyOf(improvements);
	}

	/** The key points with the given coverage. */
	public List<KeyPointResult> keyPoints(Coverage coverage) {
		return this.keyPoints.stream().filter((point) -> point.coverage() == coverage).toList();
	}

	/**
	 * One key point judged.
	 *
	 * @param point the key point's text as in the bank
	 * @param coverage covered, partly or missed
	 * @param evidence the candidate's own words that cover it (empty when missed)
	 */
	public record KeyPointResult(String point, Coverage coverage, String evidence) {
	}

	/** How well an answer covered a key point. */
	public enum Coverage {

		COVERED, PARTLY, MISSED

	}

	/**
	 * Where a verdict came from.
	 *
	 * @param examiner {@code llm} or {@code offline}
	 * @param provider e.g. {@code openai}, {@code ollama}, {@code local}
	 * @param model the model's name, or the offline examiner's method
	 * @param promptVersion the prompt template version (or the offline examiner's version)
	 * @param fallback true when the offline examiner stood in for a failed LLM
	 */
	public record Provenance(String examiner, String provider, String model, String promptVersion, boolean fallback) {
	}

}
