package dev.rehearse.examiner;

import org.junit.jupiter.api.Test;

import dev.rehearse.examiner.AnswerClauses.Clause;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerClausesTests {

	@Test
	void clausesEndAtSentenceAndClausePunctuationButNotAtAnEnumerationComma() {
		String answer = "嗯，主流的有 GPT、BERT、T5 这些。它们都基于 Transformer；GPT-3.5 是生成式的.\nXLNet is autoregressive, e.g. permutation LM!";
		assertThat(AnswerClauses.of(answer)).extracting(Clause::text)
			.containsExactly("嗯", "主流的有 GPT、BERT、T5 这些", "它们都基于 Transformer", "GPT-3.5 是生成式的",
					"XLNet is autoregressive", "e.g", "permutation LM");
	}

	@Test
	void everyClauseIsTheAnswerAtItsOffsets() {
		String answer = "  First, second; third.  Fourth?\n\n第五，第六。";
		for (Clause clause : AnswerClauses.of(answer)) {
			assertThat(answer.substring(clause.start(), clause.end())).isEqualTo(clause.text());
			assertThat(clause.text()).isNotBlank().isEqualTo(clause.text().strip());
		}
	}

	@Test
	void aLongClauseIsCutAtAWordBoundaryWithinTheLimit() {
		String answer = "the garbage collector marks every object reachable from the roots and then sweeps "
				+ "everything else including cycles of objects";
		Clause clause = AnswerClauses.of(answer).get(0);
		assertThat(clause.text().length()).isLessThanOrEqualTo(AnswerClauses.MAX_CHARS);
		assertThat(answer).startsWith(clause.text());
		assertThat(answer.charAt(clause.end())).isEqualTo(' ');
	}

	@Test
	void aLongChineseClauseKeepsSurrogatePairsWhole() {
		String answer = "😀".repeat(50);
		Clause clause = AnswerClauses.of(answer).get(0);
		assertThat(clause.text().length()).isLessThanOrEqualTo(AnswerClauses.MAX_CHARS);
		assertThat(Character.isHighSurrogate(clause.text().charAt(clause.text().length() - 1))).isFalse();
	}

	@Test
	void aroundFindsTheClauseThatHoldsAQuoteIgnoringCaseAndSpacing() {
		String answer = "HashMap stores entries in buckets. Lookups are O(1) on average, collisions aside.";
		assertThat(AnswerClauses.around(answer, "lookups are  o(1)")).isEqualTo("Lookups are O(1) on average");
		assertThat(AnswerClauses.around(answer, "HashMap stores entries in buckets. Lookups are O(1) on average"))
			.isEqualTo("HashMap stores entries in buckets");
		assertThat(AnswerClauses.around(answer, "red-black trees")).isEmpty();
		assertThat(AnswerClauses.around(answer, "")).isEmpty();
	}

	@Test
	void blankAnswersHaveNoClauses() {
		assertThat(AnswerClauses.of(null)).isEmpty();
		assertThat(AnswerClauses.of(" \n ")).isEmpty();
	}

}
