package dev.rehearse.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholdersTests {

	@Test
	void fillsKnownNamesAndLeavesEverythingElseAsWritten() {
		assertThat(Placeholders.fill("Q: {question}\nA: {answer}\n{unknown} {1x} {} {a-b} {", Map.of("question",
				"What is RAG?", "answer", "retrieval")))
			.isEqualTo("Q: What is RAG?\nA: retrieval\n{unknown} {1x} {} {a-b} {");
	}

	@Test
	void aValueIsNeverScannedForPlaceholdersNorReadAsAReplacementPattern() {
		// the candidate's answer names another placeholder and carries $ and \ : all kept literally
		assertThat(Placeholders.fill("<{answer}> ref={reference}",
				Map.of("answer", "{reference} costs $1 \\n", "reference", "SECRET")))
			.isEqualTo("<{reference} costs $1 \\n> ref=SECRET");
	}

	@Test
	void bracesAroundAndBesideNamesAreKept() {
		assertThat(Placeholders.fill("{{a}} {a{b} {a1}{a}", Map.of("a", "A", "b", "B", "a1", "C")))
			.isEqualTo("{A} {aB CA");
	}

}
