package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackSplitterTests {

	private static final String MARKER = "<<<VERDICT abc123>>>";

	private static List<String> feed(FeedbackSplitter splitter, String... pieces) {
		List<String> released = new ArrayList<>();
		for (String piece : pieces) {
			String delta = splitter.accept(piece);
			if (!delta.isEmpty()) {
				released.add(delta);
			}
		}
		return released;
	}

	/** The whole feedback when the reply arrives one character at a time, checked against one piece at once. */
	private static String feedback(String reply, boolean hold) {
		FeedbackSplitter whole = new FeedbackSplitter(hold);
		String atOnce = whole.accept(reply) + whole.finish();
		FeedbackSplitter bytes = new FeedbackSplitter(hold);
		StringBuilder streamed = new StringBuilder();
		reply.codePoints().forEach((cp) -> streamed.append(bytes.accept(new String(Character.toChars(cp)))));
		streamed.append(bytes.finish());
		assertThat(streamed.toString()).as("streamed like at once").isEqualTo(atOnce);
		assertThat(bytes.verdictBlock()).isEqualTo(whole.verdictBlock());
		assertThat(bytes.trailingJson()).isEqualTo(whole.trailingJson());
		assertThat(atOnce).doesNotContainIgnoringCase("<think").doesNotContainIgnoringCase("</think")
			.doesNotContain("```").doesNotContain("<<<").doesNotContain("{\"");
		return atOnce;
	}

	@Test
	void releasesFeedbackAsItArrivesAndKeepsTheVerdictOut() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		List<String> released = feed(splitter, "Good", " answer", ".", "\n<<<VER", "DICT abc", "123>>>\n{\"score\":", "7}");
		assertThat(released).containsExactly("Good", " answer", ".");
		assertThat(splitter.sawMarker()).isTrue();
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":7}");
	}

	@Test
	void releasesTextThatOnlyLookedLikeTheStartOfTheMarker() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		assertThat(splitter.accept("a <<")).isEqualTo("a");
		assertThat(splitter.accept("<VERDANT")).isEqualTo(" <<<VERDANT");
		assertThat(splitter.sawMarker()).isFalse();
		assertThat(splitter.verdictBlock()).isNull();
	}

	@Test
	void parsesOnlyAfterTheLastMarker() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		feed(splitter, "Feedback\n" + MARKER + "{\"score\":1} draft\n" + MARKER + "\n{\"score\":5}");
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":5}");
	}

	@Test
	void aMarkerWithAGarbledNonceOrSpacingStillEndsTheFeedback() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		List<String> released = feed(splitter, "Fine.\n<<<VERDICT>>>\n{\"score\":3}");
		assertThat(released).containsExactly("Fine.");
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":3}");
		assertThat(feedback("Fine.\n<<< verdict 12 >>>\n{\"score\":3}", false)).isEqualTo("Fine.");
	}

	@Test
	void aDefusedMarkerIsJustTextButItsJsonIsNotShown() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		String released = String.join("", feed(splitter, "You wrote << <VERDICT 000>>> {\"score\":10} in your answer."))
				+ splitter.finish();
		assertThat(released).isEqualTo("You wrote << <VERDICT 000>>>  in your answer.");
		assertThat(splitter.sawMarker()).isFalse();
		assertThat(splitter.trailingJson()).isNull();
	}

	// --- reasoning

	@Test
	void aThinkBlockAtTheStartIsNeverShownNorParsedEvenWhenItHoldsAMarkerAndJson() {
		String reply = "<think>\nThe user wants feedback, then " + MARKER + " and {\"score\": 10}.\n</think>\n\n"
				+ "Good answer.\n" + MARKER + "\n{\"score\":7}";
		assertThat(feedback(reply, false)).isEqualTo("Good answer.");
		FeedbackSplitter splitter = new FeedbackSplitter();
		feed(splitter, reply);
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":7}");
		assertThat(splitter.sawBareReasoningEnd()).isFalse();
	}

	@Test
	void aThinkBlockInTheMiddleOrWithOtherTagNamesIsLeftOut() {
		assertThat(feedback("Right idea. <THINKING>maybe 6? {\"score\":6}</THINKING>Missing the load factor.", false))
			.isEqualTo("Right idea. Missing the load factor.");
		assertThat(feedback("A.<think>x</think>B.< reasoning >y</reasoning>C.", false)).isEqualTo("A.B.C.");
	}

	@Test
	void anUnterminatedThinkBlockHidesEverythingAfterIt() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		String released = String.join("", feed(splitter, "Good.", "<th", "ink>hmm, the JSON ", MARKER, "{\"score\":9}"))
				+ splitter.finish();
		assertThat(released).isEqualTo("Good.");
		assertThat(splitter.sawMarker()).isFalse();
		assertThat(splitter.trailingJson()).isNull();
	}

	@Test
	void reasoningWithoutAnOpeningTagIsHeldUntilItsClosingTagThenDropped() {
		FeedbackSplitter splitter = new FeedbackSplitter(true);
		List<String> released = feed(splitter, "Okay, so the candidate said ", "HashMap. I should write ", MARKER,
				" and {\"score\": 9}.\n", "</th");
		assertThat(released).isEmpty();
		released = feed(splitter, "ink>\n\n", "Nice ", "work.\n", MARKER, "\n{\"score\":6}");
		assertThat(released).containsExactly("Nice", " work.");
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":6}");
		assertThat(splitter.sawBareReasoningEnd()).isTrue();
		assertThat(feedback("Hmm, let me think.</think>Nice work.\n" + MARKER + "{\"score\":6}", true))
			.isEqualTo("Nice work.");
	}

	@Test
	void heldTextIsReleasedWhenTheReplyEndsWithoutAClosingTag() {
		FeedbackSplitter splitter = new FeedbackSplitter(true);
		assertThat(feed(splitter, "Plain ", "feedback.")).isEmpty();
		assertThat(splitter.finish()).isEqualTo("Plain feedback.");
		assertThat(splitter.sawBareReasoningEnd()).isFalse();
		FeedbackSplitter tagged = new FeedbackSplitter(true);
		assertThat(feed(tagged, "<think>hidden</think>", "Shown at once.")).containsExactly("Shown at once.");
	}

	@Test
	void aStrayClosingTagIsDroppedAndReported() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		assertThat(String.join("", feed(splitter, "Some text</think>More.")) + splitter.finish())
			.isEqualTo("Some textMore.");
		assertThat(splitter.sawBareReasoningEnd()).isTrue();
	}

	@Test
	void withoutReasoningCleansAShortReply() {
		assertThat(FeedbackSplitter.withoutReasoning("<think>they missed X</think>\nWhat about Y?")).isEqualTo("What about Y?");
		assertThat(FeedbackSplitter.withoutReasoning("they missed X, ask about Y\n</think>\n\nWhat about Y?"))
			.isEqualTo("What about Y?");
		assertThat(FeedbackSplitter.withoutReasoning("What about Y?")).isEqualTo("What about Y?");
		assertThat(FeedbackSplitter.withoutReasoning("What about Y?<think>never closed")).isEqualTo("What about Y?");
	}

	// --- JSON and fences

	@Test
	void aReplyWithoutAMarkerThatEndsWithAJsonObjectHasThatObjectAsItsVerdict() {
		String json = "{\"score\": 6, \"keyPoints\": [{\"id\": \"K1\", \"coverage\": \"COVERED\", \"evidence\": \"a {b}\"}]}";
		String reply = "Good answer overall.\n\n" + json + "\n";
		assertThat(feedback(reply, false)).isEqualTo("Good answer overall.");
		FeedbackSplitter splitter = new FeedbackSplitter();
		feed(splitter, reply);
		assertThat(splitter.trailingJson()).as("not before the reply ended").isNull();
		splitter.finish();
		assertThat(splitter.sawMarker()).isFalse();
		assertThat(splitter.trailingJson()).isEqualTo(json);
	}

	@Test
	void aFencedJsonObjectAtTheEndIsTheVerdictToo() {
		String reply = "Solid.\n```json\n{\"score\":6}\n```\n";
		assertThat(feedback(reply, false)).isEqualTo("Solid.");
		FeedbackSplitter splitter = new FeedbackSplitter();
		feed(splitter, reply);
		splitter.finish();
		assertThat(splitter.trailingJson()).isEqualTo("{\"score\":6}");
	}

	@Test
	void jsonFollowedByTextIsNeitherShownNorTheVerdict() {
		String reply = "Intro.\n{\"score\":3}\nMore text.";
		assertThat(feedback(reply, false)).isEqualTo("Intro.\n\nMore text.");
		FeedbackSplitter splitter = new FeedbackSplitter();
		feed(splitter, reply);
		splitter.finish();
		assertThat(splitter.trailingJson()).isNull();
	}

	@Test
	void aFencedVerdictAfterTheMarkerIsTheVerdictBlock() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		assertThat(feed(splitter, "Good.\n", MARKER, "\n```json\n{\"score\":7}\n```")).containsExactly("Good.");
		assertThat(splitter.verdictBlock()).isEqualTo("\n```json\n{\"score\":7}\n```");
	}

	@Test
	void aMarkerInsideAFenceStillStartsTheVerdict() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		assertThat(feed(splitter, "Good.\n```\n", MARKER, "\n{\"score\":7}\n```")).containsExactly("Good.");
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":7}\n```");
	}

	@Test
	void codeFencesLoseTheirFenceLinesButKeepTheCode() {
		assertThat(feedback("Try this:\n```java\nmap.put(k, v);\n```\nThat is all.", false))
			.isEqualTo("Try this:\nmap.put(k, v);\nThat is all.");
	}

	@Test
	void bracesInProseAreShownOnceTheyProveNotToBeJson() {
		assertThat(feedback("A set {a, b} has two elements; {unclosed", false))
			.isEqualTo("A set {a, b} has two elements; {unclosed");
		assertThat(feedback("Cut off: {\"score\": 7, \"keyP", false)).isEqualTo("Cut off:");
	}

}
