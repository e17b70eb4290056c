package dev.rehearse.tailoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Reading a model's plan the way real models write it, and refusing what is no plan. */
class PlanParserTests {

	static final String QUESTION = """
			{"phase": "project", "category": "Ledger", "question": "How did you design the ledger?",
			 "referenceAnswer": "Double-entry rows that sum to zero.", "keyPoints": [{"title": "Double entry", "detail": "Every transfer is two rows."}]}""";

	@Test
	void readsAPlainObject() {
		ModelPlan plan = PlanParser.parse("{\"bankQuestions\": [\"B2\", \"B1\"], \"questions\": [" + QUESTION + "]}", 3, 3);
		assertThat(plan.bankPicks()).containsExactly(1, 0);
		assertThat(plan.written()).singleElement().satisfies((written) -> {
			assertThat(written.phase()).isEqualTo("project");
			assertThat(written.text()).isEqualTo("How did you design the ledger?");
			assertThat(written.keyPoints().get(0).title()).isEqualTo("Double entry");
			assertThat(written.keyPoints().get(0).detail()).isEqualTo("Every transfer is two rows.");
		});
	}

	@Test
	void readsPastReasoningFencesAndProse() {
		String reply = "<think>{\"bankQuestions\": [\"B3\"]} is what I first thought</think>\nSure, here it is:\n```json\n"
				+ "{\"bankQuestions\": [\"B1\"], \"questions\": []}\n```\nGood luck with the interview! {not json}";
		assertThat(PlanParser.parse(reply, 3, 3).bankPicks()).containsExactly(0);
	}

	@Test
	void readsAReplyWhoseReasoningBlockWasOpenedByTheChatTemplate() {
		String reply = "the candidate wants a ledger question {maybe}</think>{\"bankQuestions\": [2, \"b3\"]} trailing words";
		assertThat(PlanParser.parse(reply, 3, 3).bankPicks()).containsExactly(1, 2);
	}

	@Test
	void findsTheObjectInProseEvenWithBracesInsideItsStrings() {
		String reply = "Plan follows. {\"bankQuestions\": [], \"questions\": [" + QUESTION.replace("two rows.", "two rows {debit, credit}.")
				+ "]} That is all.";
		assertThat(PlanParser.parse(reply, 0, 3).written().get(0).keyPoints().get(0).detail()).contains("{debit, credit}");
	}

	@Test
	void dropsPicksOutsideTheOfferAndWrittenQuestionsWithoutReferenceOrKeyPoints() {
		String reply = "{\"bankQuestions\": [\"B0\", \"B9\", \"B1\", \"B1\", \"banana\"], \"questions\": ["
				+ "{\"question\": \"No reference?\", \"keyPoints\": [{\"title\": \"x\"}]},"
				+ "{\"question\": \"No points?\", \"referenceAnswer\": \"ref\", \"keyPoints\": []}," + QUESTION + "]}";
		ModelPlan plan = PlanParser.parse(reply, 2, 3);
		assertThat(plan.bankPicks()).containsExactly(0);
		assertThat(plan.written()).extracting(ModelPlan.Written::text).containsExactly("How did you design the ledger?");
	}

	@Test
	void writesNoMoreThanAllowedAndTakesUnknownPhasesAsTechnical() {
		String other = QUESTION.replace("\"project\"", "\"warm-up\"");
		ModelPlan plan = PlanParser.parse("{\"questions\": [" + other + "," + QUESTION + "]}", 0, 1);
		assertThat(plan.written()).singleElement().extracting(ModelPlan.Written::phase).isEqualTo("technical");
	}

	@Test
	void aReplyWithoutAUsablePlanIsMalformed() {
		assertThatExceptionOfType(MalformedPlanException.class).isThrownBy(() -> PlanParser.parse("I'd ask B1 and B2.", 3, 3));
		assertThatExceptionOfType(MalformedPlanException.class)
			.isThrownBy(() -> PlanParser.parse("{\"bankQuestions\": [\"B1\",}", 3, 3));
		assertThatExceptionOfType(MalformedPlanException.class)
			.isThrownBy(() -> PlanParser.parse("{\"bankQuestions\": [\"B7\"], \"questions\": []}", 3, 3));
		assertThatExceptionOfType(MalformedPlanException.class).isThrownBy(() -> PlanParser.parse("[1, 2]", 3, 3));
		assertThatExceptionOfType(MalformedPlanException.class).isThrownBy(() -> PlanParser.parse(null, 3, 3));
	}

}
