package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.rehearse.examiner.AnswerClauses.Clause;
import dev.rehearse.examiner.OfflineEmbeddings.Model;
import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.questionbank.KeyPoint;

/**
 * Judges, without any network, how well an answer covers each key point, and scores the answer
 * from that coverage alone (docs/examiner.md explains it with a worked example).
 *
 * <p>
 * <b>Per point</b>, a raw match from 0 to 1: {@code (1 - w) * semantic + w * lexical}, where
 * semantic is the best cosine between the point and a sentence of the answer (or the whole answer),
 * rescaled from [{@value #SIMILARITY_FLOOR}, 1] to [0, 1], and lexical is the weighted share of the
 * point's content terms (those the question does not already contain; words of the title count
 * {@value #TITLE_WEIGHT} times) found in the answer.
 *
 * <p>
 * <b>Evidence</b> is one clause of the answer ({@link AnswerClauses}): the clause that names the
 * point's distinctive terms (Latin-script names and identifiers of its title such as BERT,
 * StackOverflowError, {@code @Autowired}), shares its content terms, or sits in the sentence
 * closest in meaning. A point without such a clause is MISSED whatever its raw match. A clause
 * that names a distinctive term and says something about it (shares another of the point's terms,
 * or its sentence is close in meaning) makes the point at least PARTLY covered; so does a clause that
 * states one of the point's own formulas ({@code n/2}, {@code 2^(n-1)}: one no other point and not
 * the question states). A short point is supported by a clause naming {@value #RELATIVE_SUPPORT} of
 * its clue weight ("push and pop" by "Push inserts a node"). A keyword salad
 * (an answer of bare terms with no claim about any of them) is evidence of nothing.
 *
 * <p>
 * <b>Score</b>: each point's value is a monotone, continuous function of its raw match whose
 * bands follow the labels (MISSED below {@value #MISSED_CREDIT}, PARTLY about a half, COVERED from
 * 0.8 to 1); the coverage is the mean value. Coverage sets a band and the whole answer's
 * similarity to the reference ({@link #wholeSimilarity}) places the score inside it:
 * {@code 10 * ((1 - w) * min(1, coverage /} {@value #FULL_AT}{@code ) + w * similarity)} with the
 * band {@code w =} {@value #BAND_WIDTH}, so for a given similarity the score rises with every point
 * covered. Nothing covered or partly: the band is [0, {@value #NOTHING_COVERED_CAP}]; an answer that
 * hedges ("不太清楚", "not sure") and covers nothing: [0, {@value #CONTENT_FREE_CAP}].
 * The constants were tuned on the tuning half of both benchmark sets, see docs/benchmarks.md.
 */
final class CoverageScorer {

	/** The algorithm's version, reported as the verdict's prompt version. */
	static final String VERSION = "offline-coverage-v3";

	/** Cosine at or below which two texts are taken as unrelated. */
	static final double SIMILARITY_FLOOR = 0.3;

	/** Cosine at or below which a title alone is taken as unrelated to a sentence. */
	static final double TITLE_SIMILARITY_FLOOR = 0.6;

	/** Weight of wording against meaning in a point's raw match. */
	static final double LEXICAL_WEIGHT = 0.6;

	/** How many times a term of the point's title counts against a term of its detail. */
	static final double TITLE_WEIGHT = 2;

	/** Raw match from which a point is partly covered. */
	static final double PARTLY_AT = 0.25;

	/** Raw match from which a point is covered. */
	static final double COVERED_AT = 0.45;

	/** Raw match at which a covered point earns its full value. */
	static final double FULLY_AT = 0.65;

	/** The most a missed point is worth. */
	static final double MISSED_CREDIT = 0.2;

	/** Mean point value that earns full marks from coverage. */
	static final double FULL_AT = 1.0;

	/** How much a match of a point's title alone counts against a match of the whole point. */
	static final double TITLE_FACTOR = 0.9;

	/**
	 * Width, as a share of the 10 points, of the band in which the answer's whole similarity to the
	 * reference places the score; the rest of the scale follows coverage.
	 */
	static final double BAND_WIDTH = 0.3;

	/** English: weight of meaning against wording in the answer's whole similarity to the reference. */
	static final double WHOLE_SEMANTIC_WEIGHT = 0.6;

	/** English: whole similarity (meaning and wording blended) at which the band's top is reached. */
	static final double WHOLE_FULL_AT = 0.6;

	/**
	 * Share of a short point's own clue weight that a clause must name to support it (when that is
	 * less than {@value #MIN_SUPPORT}): "push and pop" is supported by "Pop removes the head".
	 */
	static final double RELATIVE_SUPPORT = 0.6;

	/** The highest score when no point is covered, not even partly. */
	static final double NOTHING_COVERED_CAP = 1.5;

	/** The highest score of a content-free, hedging answer. */
	static final double CONTENT_FREE_CAP = 1.0;

	/** Clause support (weighted shared terms) that makes a clause evidence for a point. */
	static final double MIN_SUPPORT = 3;

	/** Rescaled semantic closeness at which a sentence is evidence by meaning alone. */
	static final double CLOSE = 0.55;

	private final OfflineEmbeddings embeddings;

	private final Params params;

	CoverageScorer(OfflineEmbeddings embeddings) {
		this(embeddings, Params.DEFAULTS);
	}

	CoverageScorer(OfflineEmbeddings embeddings, Params params) {
		this.embeddings = embeddings;
		this.params = params;
	}

	/** Assesses an answer (already trimmed to the length limit) against the question. */
	Assessment assess(QuestionContext question, String answer) {
		return judge(features(question, answer), this.params);
	}

	/**
	 * What the scoring needs to know of an answer, measured once: the parameters of
	 * {@link #judge} can then be tuned without embedding anything again.
	 */
	Features features(QuestionContext question, String answer) {
		Model model = modelFor(question);
		List<KeyPoint> points = question.keyPoints();
		boolean explicit = !points.isEmpty();
		List<KeyPoint> scored = explicit ? points
				: (question.referenceAnswer().isBlank() ? List.of()
						: List.of(new KeyPoint(question.question(), question.referenceAnswer())));
		List<String> sentences = OfflineText.sentences(answer);
		List<Clause> clauses = AnswerClauses.of(answer);
		boolean hedging = OfflineText.hedges(answer);
		if (scored.isEmpty() || sentences.isEmpty() || clauses.isEmpty()) {
			List<PointFeatures> none = points.stream().map((point) -> PointFeatures.none(point)).toList();
			return new Features(none, 0, 0, false, hedging, explicit, model);
		}
		Set<String> questionTerms = OfflineText.terms(question.question());
		float[] whole = this.embeddings.embed(model, answer);
		List<float[]> sentenceVectors = new ArrayList<>();
		for (String sentence : sentences) {
			sentenceVectors.add(sentences.size() == 1 ? whole : this.embeddings.embed(model, sentence));
		}
		int[] sentenceOf = sentenceOfClause(answer, sentences, clauses);
		List<Set<String>> clauseTerms = clauses.stream().map((clause) -> OfflineText.clues(clause.text())).toList();
		List<Set<String>> clauseFormulas = clauses.stream().map((clause) -> OfflineText.formulas(clause.text())).toList();
		Set<String> questionClues = OfflineText.clues(question.question());
		String lowerAnswer = answer.toLowerCase(java.util.Locale.ROOT);
		boolean salad = OfflineText.isKeywordSalad(clauses);
		// "跟数据没什么关系", "it doesn't matter": a clause that dismisses a point is no evidence for it
		boolean[] dismissive = new boolean[clauses.size()];
		StringBuilder kept = new StringBuilder(answer);
		for (int c = 0; c < clauses.size(); c++) {
			dismissive[c] = OfflineText.dismisses(clauses.get(c).text());
			if (dismissive[c]) {
				// nor do its words count as coverage
				for (int i = clauses.get(c).start(); i < clauses.get(c).end(); i++) {
					kept.setCharAt(i, ' ');
				}
			}
		}
		Set<String> answerTerms = OfflineText.terms(kept.toString());
		List<PointFeatures> results = new ArrayList<>();
		for (KeyPoint point : scored) {
			// a point derived from a sentence has that sentence as its detail, title included
			String text = point.detail().contains(point.title()) ? point.detail() : point.text();
			float[] pointVector = this.embeddings.embedCached(model, text);
			// only a title written for the point says what a candidate would name; a title cut from
			// the point's own sentence adds nothing to the sentence
			boolean titled = !point.detail().isEmpty() && !point.detail().contains(point.title());
			Set<String> titleTerms = titled ? contentTerms(point.title(), questionTerms) : Set.of();
			Set<String> pointTerms = contentTerms(text, questionTerms);
			Set<String> pointClues = without(OfflineText.clues(text), questionClues);
			Set<String> titleClues = titled ? without(OfflineText.clues(point.title()), questionClues) : Set.of();
			List<String> names = OfflineText.distinctiveNames(point.title(), model == Model.ZH);
			// a point that is little more than a name ("T5", "GPT系列", "G1 collector") is only
			// answered by naming it: a sentence on its siblings ("基于 Transformer 的预训练模型")
			// is as close in meaning to it as to them
			boolean nameRequired = !names.isEmpty() && OfflineText.unitsBesides(point.title(), names, questionTerms) <= 2;
			Set<String> formulas = distinctiveFormulas(text, scored, questionTerms);
			float[] titleVector = titled ? this.embeddings.embedCached(model, point.title()) : pointVector;
			double[] sentenceSemantic = new double[sentences.size()];
			double best = OfflineEmbeddings.cosine(pointVector, whole);
			double bestTitle = OfflineEmbeddings.cosine(titleVector, whole);
			for (int s = 0; s < sentences.size(); s++) {
				double cosine = OfflineEmbeddings.cosine(pointVector, sentenceVectors.get(s));
				double titleCosine = titled ? OfflineEmbeddings.cosine(titleVector, sentenceVectors.get(s)) : cosine;
				sentenceSemantic[s] = rescale(cosine);
				best = Math.max(best, cosine);
				bestTitle = Math.max(bestTitle, titleCosine);
			}
			double lexical = weightedRecall(pointTerms, titleTerms, answerTerms);
			double titleLexical = OfflineText.recall(titleTerms, answerTerms);
			boolean namedAnywhere = names.stream().anyMatch((name) -> OfflineText.names(lowerAnswer, name));
			boolean[] sentenceNames = new boolean[sentences.size()];
			for (int s = 0; s < sentences.size() && namedAnywhere; s++) {
				String lower = sentences.get(s).toLowerCase(java.util.Locale.ROOT);
				sentenceNames[s] = names.stream().anyMatch((name) -> OfflineText.names(lower, name));
			}
			// the clause that best supports the point
			int bestClause = -1;
			double bestRank = -1;
			boolean namedAbout = false;
			// a short point ("push and pop") is supported by a clause naming most of its few words
			double pointWeight = support(pointClues, titleClues, pointClues, names);
			double needed = (pointWeight > 0) ? Math.min(MIN_SUPPORT, RELATIVE_SUPPORT * pointWeight) : MIN_SUPPORT;
			for (int c = 0; c < clauses.size(); c++) {
				if (dismissive[c]) {
					continue;
				}
				// the name may be in another clause of the same sentence: "就选 ChatGLM，它是做对话生成的"
				boolean named = namedAnywhere && sentenceNames[sentenceOf[c]];
				String lowerClause = clauses.get(c).text().toLowerCase(java.util.Locale.ROOT);
				boolean namesHere = named && names.stream().anyMatch((name) -> OfflineText.names(lowerClause, name));
				double support = support(pointClues, titleClues, clauseTerms.get(c), named ? names : List.of());
				double semantic = sentenceSemantic[sentenceOf[c]];
				// a formula of the point ("n/2", "2^(n-1)") is a claim by itself: stating it is saying something about it
				boolean statesFormula = !formulas.isEmpty()
						&& clauseFormulas.get(c).stream().anyMatch(formulas::contains);
				boolean about = (named && support >= 2) || statesFormula;
				boolean counts = about || ((semantic >= CLOSE || support >= needed) && (!nameRequired || named));
				double rank = (about ? 4 : 0) + ((namesHere || statesFormula) ? 3 : 0) + Math.min(support, 6) + 4 * semantic;
				if (counts && rank > bestRank) {
					bestRank = rank;
					bestClause = c;
				}
				namedAbout |= about;
			}
			double raw = blend(best, lexical);
			// a short title is close in meaning to almost any sentence on the topic: its cosine only
			// counts above a higher floor
			double titleSemantic = Math.max(0, (bestTitle - TITLE_SIMILARITY_FLOOR) / (1 - TITLE_SIMILARITY_FLOOR));
			double titleRaw = titled ? (1 - LEXICAL_WEIGHT) * titleSemantic + LEXICAL_WEIGHT * titleLexical : raw;
			String quote = (bestClause >= 0) ? clauses.get(bestClause).text() : "";
			results.add(new PointFeatures(explicit ? point : null, raw, titleRaw, bestClause >= 0 && !salad,
					namedAbout && !salad, quote, rescale(best), lexical));
		}
		// measured for tuning (ExaminerTuning): as a tie-breaker it did worse than the reference's wording
		double similarity = rescale(OfflineEmbeddings.cosine(whole,
				this.embeddings.embedCached(model, question.referenceAnswer().isBlank() ? question.question()
						: question.referenceAnswer())));
		double referenceRecall = OfflineText.recall(contentTerms(question.referenceAnswer(), questionTerms), answerTerms);
		return new Features(results, similarity, referenceRecall, salad, hedging, explicit, model);
	}

	/** Labels, per-point values and the score from measured features. */
	static Assessment judge(Features features, Params params) {
		List<PointAssessment> points = new ArrayList<>();
		double[] values = new double[features.points().size()];
		boolean anyCredit = false;
		for (int i = 0; i < values.length; i++) {
			PointFeatures point = features.points().get(i);
			double raw = point.raw(params);
			Coverage label;
			if (!point.supported()) {
				label = Coverage.MISSED;
				raw = Math.min(raw, params.partlyAt() * 0.999);
			}
			else if (raw >= params.coveredAt()) {
				label = Coverage.COVERED;
			}
			else if (raw >= params.partlyAt() || point.namedAbout()) {
				label = Coverage.PARTLY;
				raw = Math.max(raw, params.partlyAt());
			}
			else {
				label = Coverage.MISSED;
			}
			values[i] = value(raw, params);
			anyCredit |= label != Coverage.MISSED;
			if (point.point() != null) {
				points.add(new PointAssessment(point.point(), label, (label != Coverage.MISSED) ? point.evidence() : "",
						values[i]));
			}
		}
		double coverage = aggregate(values, params);
		double similarity = wholeSimilarity(features);
		boolean contentFree = !anyCredit && features.hedging();
		double score;
		if (anyCredit) {
			// coverage sets the band, the whole answer's similarity places the score inside it
			score = 10 * ((1 - params.bandWidth()) * Math.min(1, coverage / params.fullAt())
					+ params.bandWidth() * similarity);
		}
		else {
			// nothing covered: the band is [0, cap], a hedging answer's [0, 1]
			score = (contentFree ? CONTENT_FREE_CAP : NOTHING_COVERED_CAP) * similarity;
		}
		score = Math.max(0, Math.min(10, Math.round(score * 10) / 10.0));
		return new Assessment(score, points, features.model(), contentFree, features.salad());
	}

	/**
	 * A point's value from its raw match: increasing, continuous within the bands that follow the
	 * labels — [0, {@value #MISSED_CREDIT}) missed, [0.4, 0.6) partly, [0.8, 1] covered — and
	 * jumping between them, so that the score follows the counts of covered and partly covered
	 * points.
	 */
	static double value(double raw, Params params) {
		if (raw < params.partlyAt()) {
			return params.missedCredit() * raw / params.partlyAt();
		}
		if (raw < params.coveredAt()) {
			return 0.4 + 0.2 * (raw - params.partlyAt()) / (params.coveredAt() - params.partlyAt());
		}
		double span = Math.max(1e-9, params.fullyAt() - params.coveredAt());
		return 0.8 + 0.2 * Math.min(1, (raw - params.coveredAt()) / span);
	}

	/**
	 * How close the whole answer is to the reference, 0 to 1: in English a blend of meaning (the
	 * better half of the points' semantic matches) and wording (the share of the reference's content
	 * terms the answer uses), full at {@value #WHOLE_FULL_AT}; in Chinese the wording alone, as
	 * bge-small-zh's cosines ranked whole answers poorly on the tuning half (answer to reference r
	 * 0.31 against 0.54 in English).
	 */
	static double wholeSimilarity(Features features) {
		if (features.model() == Model.ZH) {
			return features.referenceRecall();
		}
		double[] semantic = features.points().stream().mapToDouble(PointFeatures::semantic).sorted().toArray();
		if (semantic.length == 0) {
			return 0;
		}
		int half = (semantic.length + 1) / 2;
		double sum = 0;
		for (int i = semantic.length - half; i < semantic.length; i++) {
			sum += semantic[i];
		}
		double blend = WHOLE_SEMANTIC_WEIGHT * sum / half + (1 - WHOLE_SEMANTIC_WEIGHT) * features.referenceRecall();
		return Math.min(1, blend / WHOLE_FULL_AT);
	}

	/** The mean of the better share of point values (all of them when the share is 1). */
	private static double aggregate(double[] values, Params params) {
		if (values.length == 0) {
			return 0;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int count = Math.max(1, (int) Math.ceil(params.share() * sorted.length));
		double sum = 0;
		for (int i = sorted.length - count; i < sorted.length; i++) {
			sum += sorted[i];
		}
		return sum / count;
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

	/** For each clause, the index of the sentence it starts in. */
	private static int[] sentenceOfClause(String answer, List<String> sentences, List<Clause> clauses) {
		int[] starts = new int[sentences.size()];
		int from = 0;
		for (int s = 0; s < sentences.size(); s++) {
			int at = answer.indexOf(sentences.get(s), from);
			starts[s] = (at >= 0) ? at : from;
			from = (at >= 0) ? at + sentences.get(s).length() : from;
		}
		int[] sentenceOf = new int[clauses.size()];
		for (int c = 0; c < clauses.size(); c++) {
			int s = 0;
			while (s + 1 < starts.length && starts[s + 1] <= clauses.get(c).start()) {
				s++;
			}
			sentenceOf[c] = s;
		}
		return sentenceOf;
	}

	/**
	 * The formulas of a point that tell it apart: those its text states and neither the question
	 * nor another point does ("n/2" of one point, "(2n+1)/3" of the next).
	 */
	private static Set<String> distinctiveFormulas(String text, List<KeyPoint> points, Set<String> questionTerms) {
		Set<String> formulas = OfflineText.formulas(text);
		if (formulas.isEmpty()) {
			return formulas;
		}
		formulas.removeAll(questionTerms);
		for (KeyPoint other : points) {
			String otherText = other.detail().contains(other.title()) ? other.detail() : other.text();
			if (!otherText.equals(text)) {
				formulas.removeAll(OfflineText.formulas(otherText));
			}
		}
		return formulas;
	}

	private static Set<String> without(Set<String> terms, Set<String> excluded) {
		Set<String> rest = new HashSet<>(terms);
		rest.removeAll(excluded);
		return rest;
	}

	private static Set<String> contentTerms(String text, Set<String> questionTerms) {
		Set<String> terms = OfflineText.terms(text);
		Set<String> beyondQuestion = new HashSet<>(terms);
		beyondQuestion.removeAll(questionTerms);
		// a point that only repeats the question's words is judged on those words
		return beyondQuestion.isEmpty() ? terms : beyondQuestion;
	}

	/** Recall of the point's terms in the answer, title terms weighing {@value #TITLE_WEIGHT} times. */
	private static double weightedRecall(Set<String> pointTerms, Set<String> titleTerms, Set<String> present) {
		double wanted = 0;
		double found = 0;
		for (String term : pointTerms) {
			double weight = titleTerms.contains(term) ? TITLE_WEIGHT : 1;
			wanted += weight;
			if (present.contains(term)) {
				found += weight;
			}
		}
		return (wanted == 0) ? 0 : found / wanted;
	}

	/**
	 * How strongly a clause supports a point by wording: its shared clues (Latin words, Chinese
	 * character pairs), a Latin word counting 2 and a character pair 1.5, a clue of the title
	 * twice that; the point's names are left out (naming is judged on its own).
	 */
	private static double support(Set<String> pointTerms, Set<String> titleTerms, Set<String> clauseTerms,
			List<String> names) {
		double support = 0;
		for (String term : clauseTerms) {
			if (pointTerms.contains(term) && !names.contains(term)) {
				support += (OfflineText.isHan(term) ? 1.5 : 2) * (titleTerms.contains(term) ? 2 : 1);
			}
		}
		return support;
	}

	private static double rescale(double cosine) {
		return Math.max(0, Math.min(1, (cosine - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR)));
	}

	private static double blend(double cosine, double lexicalRecall) {
		return (1 - LEXICAL_WEIGHT) * rescale(cosine) + LEXICAL_WEIGHT * lexicalRecall;
	}

	/**
	 * The scoring's tunable constants.
	 *
	 * @param partlyAt raw match from which a point is partly covered
	 * @param coveredAt raw match from which it is covered
	 * @param fullyAt raw match at which a covered point earns its full value
	 * @param missedCredit the most a missed point is worth
	 * @param share the better share of the points whose values are averaged
	 * @param fullAt the mean value that earns 10
	 * @param bandWidth the share of the scale in which whole-answer similarity places the score
	 * @param titleFactor how much a match of the title alone counts against a match of the whole point
	 */
	record Params(double partlyAt, double coveredAt, double fullyAt, double missedCredit, double share,
			double fullAt, double bandWidth, double titleFactor) {

		static final Params DEFAULTS = new Params(PARTLY_AT, COVERED_AT, FULLY_AT, MISSED_CREDIT, 1, FULL_AT,
				BAND_WIDTH, TITLE_FACTOR);

	}

	/**
	 * An answer measured against a question.
	 *
	 * @param points each point's measures (a single reference-wide point when the question has none)
	 * @param similarity rescaled cosine between the whole answer and the reference answer
	 * @param referenceRecall share of the reference's content terms (beyond the question's) the answer uses
	 * @param salad whether the answer is a keyword salad
	 * @param hedging whether it says it is unsure
	 * @param explicit whether the question has key points
	 * @param model the embedding model used
	 */
	record Features(List<PointFeatures> points, double similarity, double referenceRecall, boolean salad,
			boolean hedging, boolean explicit, Model model) {
	}

	/**
	 * One point measured.
	 *
	 * @param point the key point (null for the reference-wide stand-in)
	 * @param raw its raw match, 0 to 1
	 * @param titleRaw the raw match of its title alone (what a short answer names)
	 * @param supported whether a clause of the answer supports it
	 * @param namedAbout whether a clause names one of its distinctive terms and says something about it
	 * @param evidence the supporting clause (empty when none)
	 * @param semantic its rescaled best cosine
	 * @param lexical its weighted term recall
	 */
	record PointFeatures(KeyPoint point, double raw, double titleRaw, boolean supported, boolean namedAbout,
			String evidence, double semantic, double lexical) {

		PointFeatures(KeyPoint point, double raw, double titleRaw, boolean supported, boolean namedAbout,
				String evidence) {
			this(point, raw, titleRaw, supported, namedAbout, evidence, raw, raw);
		}

		static PointFeatures none(KeyPoint point) {
			return new PointFeatures(point, 0, 0, false, false, "");
		}

		/** The raw match used: the whole point's, or its title's when that is higher (scaled by the factor). */
		double raw(Params params) {
			return Math.max(this.raw, params.titleFactor() * this.titleRaw);
		}

	}

	/**
	 * The estimate for one answer.
	 *
	 * @param score 0 to 10, one decimal
	 * @param points the question's key points, judged
	 * @param model the embedding model used
	 * @param contentFree whether the answer hedged and covered nothing
	 * @param salad whether the answer was a keyword salad
	 */
	record Assessment(double score, List<PointAssessment> points, Model model, boolean contentFree, boolean salad) {
	}

	/**
	 * One key point judged.
	 *
	 * @param point the key point
	 * @param coverage its label
	 * @param evidence the clause of the answer that supports it (empty when missed)
	 * @param value its value in the score, 0 to 1
	 */
	record PointAssessment(KeyPoint point, Coverage coverage, String evidence, double value) {
	}

}
