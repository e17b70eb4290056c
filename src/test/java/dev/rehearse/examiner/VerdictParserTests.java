package dev.rehearse.examiner;

import java.util.List;

import dev.rehearse.questionbank.KeyPoints;

import dev.rehearse.questionbank.KeyPoint;

import org.junit.jupiter.api.Test;

import dev.rehearse.examiner.Verdict.Coverage;
import dev.rehearse.examiner.Verdict.KeyPointResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerdictParserTests {

	private static final QuestionContext QUESTION = new QuestionContext("What does a HashMap do?",
			"It maps keys to values by hash. Lookups are O(1) on average.",
			KeyPoints.list("maps keys to values by hash", "O(1) average lookup"), "en");

	private static final String ANSWER = "Um, a HashMap stores keys and values in buckets chosen by the key's hash.";

	private static final Verdict.Provenance PROVENANCE = new Verdict.Provenance("llm", "openai", "m", "v1", false);

	private static Verdict parse(String json) {
		return VerdictParser.parse(json, QUESTION, ANSWER, PROVENANCE);
	}

	@Test
	void parsesAWellFormedVerdictAndIgnoresWhatFollowsIt() {
		Verdict verdict = parse("""
				```json
				{"score": 6.5, "keyPoints": [
				  {"id": "K1", "coverage": "COVERED", "evidence": "stores keys and values in buckets chosen by the key's hash"},
				  {"id": "K2", "coverage": "MISSED", "evidence": ""}],
				 "strengths": ["clear"], "improvements": ["mention complexity"]}
				```
				Hope this helps! {"score": 10}""");
		assertThat(verdict.score()).isEqualTo(6.5);
		assertThat(verdict.keyPoints()).containsExactly(
				new KeyPointResult(KeyPoint.of("maps keys to values by hash"), Coverage.COVERED,
						"a HashMap stores keys and values in buckets chosen by the key's hash"),
				new KeyPointResult(KeyPoint.of("O(1) average lookup"), Coverage.MISSED, ""));
		assertThat(verdict.strengths()).containsExactly("clear");
		assertThat(verdict.improvements()).containsExactly("mention complexity");
		assertThat(verdict.provenance()).isEqualTo(PROVENANCE);
	}

	@Test
	void rejectsScoresOutsideTheScaleOrMissing() {
		for (String json : List.of("{\"score\": 11}", "{\"score\": -1}", "{\"score\": \"ten\"}", "{\"keyPoints\": []}",
				"{\"score\": null}", "not json at all", "{\"score\": 5", "[7]")) {
			assertThatExceptionOfType(MalformedVerdictException.class).as(json).isThrownBy(() -> parse(json));
		}
	}

	@Test
	void mapsKeyPointsBackToTheBankDroppingUnknownOnesAndMarkingMissingOnesMissed() {
		Verdict verdict = parse("""
				{"score": "4", "keyPoints": [
				  {"id": "K9", "coverage": "COVERED", "evidence": "HashMap"},
				  {"point": "O(1) average lookup", "coverage": "partly", "evidence": "buckets"},
				  {"id": "K2", "coverage": "COVERED", "evidence": "hash"}]}""");
		assertThat(verdict.score()).isEqualTo(4);
		assertThat(verdict.keyPoints()).extracting(KeyPointResult::title, KeyPointResult::coverage)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("maps keys to values by hash", Coverage.MISSED),
					org.assertj.core.groups.Tuple.tuple("O(1) average lookup", Coverage.PARTLY));
		assertThat(verdict.strengths()).isEmpty();
		assertThat(verdict.improvements()).isEmpty();
	}

	@Test
	void downgradesCoverageWhoseEvidenceIsNotTheCandidatesWords() {
		Verdict verdict = parse("""
				{"score": 9, "keyPoints": [
				  {"id": "K1", "coverage": "COVERED", "evidence": "uses separate chaining with red-black trees"},
				  {"id": "K2", "coverage": "PARTLY", "evidence": "constant time"}]}""");
		assertThat(verdict.keyPoints()).extracting(KeyPointResult::coverage)
			.containsExactly(Coverage.PARTLY, Coverage.MISSED);
		assertThat(verdict.keyPoints()).extracting(KeyPointResult::evidence).containsOnly("");
	}

	@Test
	void acceptsQuotesWithEllipsesCaseAndSpacingDifferences() {
		assertThat(VerdictParser.quotes(ANSWER, "\"A HashMap stores … chosen by the KEY'S hash\"".replace("\"", "")))
			.isTrue();
		assertThat(VerdictParser.quotes(ANSWER, "stores keys … in a tree")).isFalse();
		assertThat(VerdictParser.quotes(ANSWER, "…")).isFalse();
	}

	@Test
	void boundsListsAndTheirItems() {
		Verdict verdict = parse("{\"score\": 3, \"strengths\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\", 5, {}],"
				+ " \"improvements\": \"" + "x".repeat(400) + "\"}");
		assertThat(verdict.strengths()).hasSize(VerdictParser.MAX_ITEMS);
		assertThat(verdict.improvements()).singleElement()
			.satisfies((item) -> assertThat(item).hasSize(VerdictParser.MAX_ITEM_CHARS + 1));
	}

	@Test
	void evidenceBecomesTheCandidatesClauseAtMostEightyCharactersAndARealSubstring() {
		String answer = "嗯，HashMap 底层是数组加链表，链表太长的时候会转成红黑树。" + "然后扩容的时候负载因子是0.75，这个我记得比较清楚的就是这些了吧大概".repeat(3)
				+ "。Also it is not thread-safe, use ConcurrentHashMap instead.";
		QuestionContext zh = new QuestionContext("HashMap 的底层？", "r", KeyPoints.list("数组加链表", "负载因子", "线程安全"), "zh");
		Verdict verdict = VerdictParser.parse("""
				{"score": 7, "summary": "底层结构讲对了。扩容细节不够。", "keyPoints": [
				  {"id": "K1", "coverage": "COVERED", "evidence": "嗯，HashMap 底层是数组加链表，链表太长的时候会转成红黑树。"},
				  {"id": "K2", "coverage": "COVERED", "evidence": "负载因子是0.75"},
				  {"id": "K3", "coverage": "PARTLY", "evidence": "it is NOT thread-safe"}]}""", zh, answer, PROVENANCE);
		assertThat(verdict.keyPoints()).extracting(KeyPointResult::evidence)
			.containsExactly("HashMap 底层是数组加链表", AnswerClauses.around(answer, "负载因子是0.75"), "Also it is not thread-safe");
		assertThat(verdict.keyPoints()).allSatisfy((point) -> assertThat(answer).contains(point.evidence()))
			.allSatisfy((point) -> assertThat(point.evidence().length()).isLessThanOrEqualTo(AnswerClauses.MAX_CHARS));
		assertThat(verdict.keyPoints().get(1).evidence()).contains("负载因子是0.75");
		assertThat(verdict.summary()).isEqualTo("底层结构讲对了。");
	}

	@Test
	void theSummaryIsOneBoundedSentenceOnOneLine() {
		assertThat(parse("{\"score\": 5, \"summary\": \"Knows the idea.\\nMisses complexity. More.\"}").summary())
			.isEqualTo("Knows the idea.");
		String longOne = parse("{\"score\": 5, \"summary\": \"" + "word ".repeat(80) + "\"}").summary();
		assertThat(longOne).hasSizeLessThanOrEqualTo(VerdictParser.MAX_SUMMARY_CHARS + 1).endsWith("word…");
		assertThat(parse("{\"score\": 5}").summary()).isEmpty();
		assertThat(parse("{\"score\": 5, \"summary\": {\"a\": 1}}").summary()).isEmpty();
	}

}
