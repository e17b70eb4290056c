package dev.rehearse.examiner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineTextTests {

	@Test
	void sentencesAreTrimmedSubstringsSplitAtChineseAndWesternEnds() {
		String text = "链表插入快。顺序表支持随机访问！ It is O(1). Really?\nYes";
		assertThat(OfflineText.sentences(text)).containsExactly("链表插入快。", "顺序表支持随机访问！", "It is O(1).",
				"Really?", "Yes");
		assertThat(OfflineText.sentences(text)).allMatch(text::contains);
	}

	@Test
	void decimalsAndAbbreviationsInsideASentenceDoNotSplitIt() {
		assertThat(OfflineText.sentences("Version 1.5 is faster, e.g.it caches.")).hasSize(1);
	}

	@Test
	void englishTermsAreStemmedWithoutStopWords() {
		assertThat(OfflineText.terms("The nodes are linked by pointers")).containsExactly("node", "link", "pointer");
	}

	@Test
	void chineseTermsAreContentCharactersAndFullWidthFormsAreNormalized() {
		assertThat(OfflineText.terms("的链表ＡＢＣ")).containsExactly("链", "表", "abc");
	}

	@Test
	void formulasAndCodeFragmentsAreTermsBesidesTheirParts() {
		assertThat(OfflineText.terms("平均移动（2*n+1）/3 个，查找 O(1)")).contains("(2n+1)/3", "o(1)", "n", "移", "动");
		assertThat(OfflineText.terms("a well-known top-down approach")).doesNotContain("well-known", "top-down");
	}

	@Test
	void aSingleLetterOrDigitIsNoClueButAFormulaIs() {
		assertThat(OfflineText.clues("(n-1)/2 个元素")).contains("(n-1)/2", "元素").doesNotContain("n", "1", "2");
	}

	@Test
	void formulasSeparatedBySlashesAreNotAKeywordSalad() {
		assertThat(OfflineText.isKeywordSalad(AnswerClauses.of("n/2 ; (2n+1)/3"))).isFalse();
		assertThat(OfflineText.isKeywordSalad(AnswerClauses.of("GPT/BERT/XLNet/T5"))).isTrue();
	}

	@Test
	void languageIsDetectedFromTheShareOfHanCharacters() {
		assertThat(OfflineText.isChinese("LangChain Agent 是如何工作和使用？")).isTrue();
		assertThat(OfflineText.isChinese("What is a linked list?")).isFalse();
	}

}
