package dev.rehearse.examiner;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.rehearse.questionbank.KeyPoint;

/**
 * The examiner's judgement of one answer.
 *
 * @param score 0 to 10
 * @param keyPoints each of the question's key points with how well the answer covered it
 * @param strengths what the answer did well
 * @param improvements what to do better
 * @param provenance who graded, and how
 * @param summary one sentence on the answer as a whole, in the question's language (may be empty)
 */
public record Verdict(double score, List<KeyPointResult> keyPoints, List<String> strengths, List<String> improvements,
		Provenance provenance, String summary) {

	public Verdict {
		if (Double.isNaN(score) || score < 0 || score > 10) {
			throw new IllegalArgumentException("score must be within 0 and 10, was " + score);
		}
		keyPoints = List.copyOf(keyPoints);
		strengths = List.copyOf(strengths);
		improvements = List.copyOf(improvements);
		summary = (summary != null) ? summary.strip() : "";
	}

	/** A verdict without a summary sentence. */
	public Verdict(double score, List<KeyPointResult> keyPoints, List<String> strengths, List<String> improvements,
			Provenance provenance) {
		this(score, keyPoints, strengths, improvements, provenance, "");
	}

	/** The key points with the given coverage. */
	public List<KeyPointResult> keyPoints(Coverage coverage) {
		return this.keyPoints.stream().filter((point) -> point.coverage() == coverage).toList();
	}

	/**
	 * One key point judged.
	 *
	 * @param title the key point's short title
	 * @param detail what the point says (may be empty)
	 * @param coverage covered, partly or missed
	 * @param evidence the candidate's own words that cover it, a substring of the answer (empty
	 * when missed)
	 */
	public record KeyPointResult(String title, String detail, Coverage coverage, String evidence) {

		public KeyPointResult {
			detail = (detail != null) ? detail : "";
			evidence = (evidence != null) ? evidence : "";
		}

		public KeyPointResult(KeyPoint point, Coverage coverage, String evidence) {
			this(point.title(), point.detail(), coverage, evidence);
		}

		/**
		 * Reads verdicts stored before key points had titles ({@code point} holding the whole
		 * text) as well as today's.
		 */
		@JsonCreator
		static KeyPointResult read(@JsonProperty("title") String title, @JsonProperty("detail") String detail,
				@JsonProperty("point") String point, @JsonProperty("coverage") Coverage coverage,
				@JsonProperty("evidence") String evidence) {
			if (title == null || title.isBlank()) {
				KeyPoint legacy = KeyPoint.of((point != null && !point.isBlank()) ? point : "?");
				return new KeyPointResult(legacy, coverage, evidence);
			}
			return new KeyPointResult(title, detail, coverage, evidence);
		}

		/** The key point judged, title and detail. */
		public KeyPoint keyPoint() {
			return new KeyPoint(this.title, this.detail);
		}

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
