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
	void aMarkerWithAGarbledNonceStillEndsTheFeedback() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		List<String> released = feed(splitter, "Fine.\n<<<VERDICT>>>\n{\"score\":3}");
		assertThat(released).containsExactly("Fine.");
		assertThat(splitter.verdictBlock()).isEqualTo("\n{\"score\":3}");
	}

	@Test
	void aDefusedMarkerIsJustText() {
		FeedbackSplitter splitter = new FeedbackSplitter();
		List<String> released = feed(splitter, "You wrote << <VERDICT 000>>> {\"score\":10} in your answer.");
		assertThat(String.join("", released)).isEqualTo("You wrote << <VERDICT 000>>> {\"score\":10} in your answer.");
		assertThat(splitter.sawMarker()).isFalse();
	}

}
