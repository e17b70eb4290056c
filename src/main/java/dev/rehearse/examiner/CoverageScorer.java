package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.rehearse.examiner.OfflineEmbeddings.Model;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.questionbank.KeyPoint;

/**
 * Estimates how much of a reference answer's key points an answer covers, from meaning (cosine of
 * sentence embeddings) and wording (shared content terms), without any network.
 *
 * <p>
 * For each key point: its semantic match is the best cosine between the point and any sentence of
 * the answer (or the whole answer), rescaled from [{@value #SIMILARITY_FLOOR}, 1] to [0, 1]; its
 * lexical match is the share of the point's content terms (those the question does not already
 * contain) found in the answer. The point's coverage is {@code (1 - w) * semantic + w * lexical}
 * with {@code w =} {@value #LEXICAL_WEIGHT}.
 *
 * <p>
 * The score uses the same blend over the whole answer: the semantic part averages the better half
 * of the key points (a reference usually says more than a full-marks answer must), the lexical part
 * is the recall of the whole reference's content terms; a blend of {@value #FULL_MARKS_AT} or more
 * earns 10, below that the score falls linearly to 0. The three constants were tuned together by a
 * grid search on the even-numbered questions of both benchmark sets, see docs/benchmarks.md.
 */
final class CoverageScorer {

	/** The algorithm's version, reported as the verdict's prompt version. */
	static final String VERSION = "offline-coverage-v1";

	/** Cosine at or below which two texts are taken as unrelated. */
	static final double SIMILARITY_FLOOR = 0.3;

	/** Weight of wording against meaning. */
	static final double LEXICAL_WEIGHT = 0.6;

	/** The coverage that earns full marks (and marks a key point covered). */
	static final double FULL_MARKS_AT = 0.6;

	/** The coverage from which a key point counts as partly covered. */
	static final double PARTLY_AT = 0.3;

	private final OfflineEmbeddings embeddings;

	CoverageScorer(OfflineEmbeddings embeddings) {
		this.embeddings = embeddings;
	}

	/** Assesses an answer (already trimmed to the length limit) against the question. */
	Assessment assess(QuestionContext question, String answer) {
		Model model = modelFor(question);
		List<KeyPoint> points = question.keyPoints();
		List<String> scored = !points.isEmpty() ? points.stream().map(KeyPoint::text).toList()
				: (question.referenceAnswer().isBlank() ? List.of() : List.of(question.referenceAnswer()));
		List<String> sentences = OfflineText.sentences(answer);
		if (scored.isEmpty() || sentences.isEmpty()) {
			List<PointAssessment> missed = points.stream()
				.map((point) -> new PointAssessment(point, Coverage.MISSED, "", 0))
				.toList();
			return new Assessment(0, missed, model);
		}
		Set<String> questionTerms = OfflineText.terms(question.question());
		Set<String> answerTerms = OfflineText.terms(answer);
		float[] whole = this.embeddings.embed(model, answer);
		List<float[]> sentenceVectors = new ArrayList<>();
		List<Set<String>> sentenceTerms = new ArrayList<>();
		for (String sentence : sentences) {
			sentenceVectors.add(sentences.size() == 1 ? whole : this.embeddings.embed(model, sentence));
			sentenceTerms.add(OfflineText.terms(sentence));
		}
		List<PointAssessment> results = new ArrayList<>();
		double[] semantic = new double[scored.size()];
		for (int p = 0; p < scored.size(); p++) {
			String point = scored.get(p);
			float[] pointVector = this.embeddings.embedCached(model, point);
			Set<String> pointTerms = contentTerms(point, questionTerms);
			double best = OfflineEmbeddings.cosine(pointVector, whole);
			double bestSentence = -1;
			String evidence = "";
			for (int s = 0; s < sentences.size(); s++) {
				double cosine = OfflineEmbeddings.cosine(pointVector, sentenceVectors.get(s));
				best = Math.max(best, cosine);
				double match = blend(cosine, OfflineText.recall(pointTerms, sentenceTerms.get(s)));
				if (match > bestSentence) {
					bestSentence = match;
					evidence = sentences.get(s);
				}
			}
			semantic[p] = best;
			double coverage = blend(best, OfflineText.recall(pointTerms, answerTerms));
			Coverage label = (coverage >= FULL_MARKS_AT) ? Coverage.COVERED
					: (coverage >= PARTLY_AT) ? Coverage.PARTLY : Coverage.MISSED;
			results.add(new PointAssessment(points.isEmpty() ? null : points.get(p), label, (label != Coverage.MISSED) ? evidence : "", coverage));
		}
		double lexical = OfflineText.recall(contentTerms(question.referenceAnswer(), questionTerms), answerTerms);
		double blend = blend(betterHalfMean(semantic), lexical);
		double score = 10 * Math.min(1, blend / FULL_MARKS_AT);
		return new Assessment(Math.round(score * 10) / 10.0, points.isEmpty() ? List.of() : results, model);
	}

	static Model modelFor(QuestionContext question) {
		String language = question.language();
		if (language != null && language.toLowerCase().startsWith("zh")) {
			return Model.ZH;
		}
		if (language != null && language.toLowerCase().startsWith("en")) {
			return Model.EN;
		}
		return OfflineText.isChinese(question.question() + question.referenceAnswer()) ? Model.ZH : Model.EN;
	}

	private static Set<String> contentTerms(String text, Set<String> questionTerms) {
		Set<String> terms = OfflineText.terms(text);
		Set<String> beyondQuestion = new HashSet<>(terms);
		beyondQuestion.removeAll(questionTerms);
		// a point that only repeats the question's words is judged on those words
		return beyondQuestion.isEmpty() ? terms : beyondQuestion;
	}

	private static double blend(double cosine, double lexicalRecall) {
		double semantic = Math.max(0, Math.min(1, (cosine - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR)));
		return (1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexicalRecall;
	}

	private static double betterHalfMean(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int count = Math.max(1, (sorted.length + 1) / 2);
		double sum = 0;
		for (int i = sorted.length - count; i < sorted.length; i++) {
			sum += sorted[i];
		}
		return sum / count;
	}

	/**
	 * The estimate for one answer.
	 *
	 * @param score 0 to 10, one decimal
	 * @param points the question's key points, judged
	 * @param model the embedding model used
	 */
	record Assessment(double score, List<PointAssessment> points, Model model) {
	}

	/**
	 * One key point judged.
	 *
	 * @param point the key point
	 * @param coverage its label
	 * @param evidence the answer's sentence that matches it best (empty when missed)
	 * @param value the blended coverage, 0 to 1
	 */
	record PointAssessment(KeyPoint point, Coverage coverage, String evidence, double value) {
	}

}
