package dev.rehearse.speech;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptTests {

	private static final Duration LONG_PAUSE = Duration.ofSeconds(2);

	@Test
	void speechTimeIsWhatTheSegmentsCoverAndPausesAreTheGapsBetweenThem() {
		Transcript transcript = Transcript.of("a b c", "en", 12.0,
				List.of(new Transcript.Segment(1.0, 3.0, "a"), new Transcript.Segment(5.5, 6.0, "b"),
						new Transcript.Segment(6.5, 9.0, "c")),
				LONG_PAUSE);
		// 2 + 0.5 + 2.5 seconds spoken; gaps of 2.5 (a pause) and 0.5; the second of silence before the first
		// segment and the three after the last are not pauses
		assertThat(transcript.speechSeconds()).isEqualTo(5.0);
		assertThat(transcript.pauseCount()).isEqualTo(1);
		assertThat(transcript.longestPauseSeconds()).isEqualTo(2.5);
		assertThat(transcript.durationSeconds()).isEqualTo(12.0);
	}

	@Test
	void overlappingAndUnorderedSegmentsAreCountedOnce() {
		Transcript transcript = Transcript.of("x", "zh", null,
				List.of(new Transcript.Segment(4.0, 6.0, "c"), new Transcript.Segment(0.0, 2.0, "a"),
						new Transcript.Segment(1.5, 3.0, "b")),
				LONG_PAUSE);
		assertThat(transcript.speechSeconds()).isEqualTo(5.0);
		assertThat(transcript.pauseCount()).isZero();
		assertThat(transcript.longestPauseSeconds()).isEqualTo(1.0);
		assertThat(transcript.segments()).extracting(Transcript.Segment::text).containsExactly("a", "b", "c");
	}

	@Test
	void withoutSegmentsTheTimingIsUnknownNotZero() {
		Transcript transcript = Transcript.of("only text", "en", 3.0, List.of(), LONG_PAUSE);
		assertThat(transcript.speechSeconds()).isNull();
		assertThat(transcript.pauseCount()).isNull();
		assertThat(transcript.longestPauseSeconds()).isNull();
		assertThat(transcript.segments()).isEmpty();
	}

	@Test
	void impossibleSegmentsAreIgnored() {
		Transcript transcript = Transcript.of("x", "en", null,
				List.of(new Transcript.Segment(3.0, 1.0, "backwards"), new Transcript.Segment(Double.NaN, 1.0, "nan"),
						new Transcript.Segment(0.0, 1.0, "fine")),
				LONG_PAUSE);
		assertThat(transcript.speechSeconds()).isEqualTo(1.0);
		assertThat(transcript.segments()).hasSize(1);
	}

	@Test
	void transcriptsLoseControlCharacters() {
		assertThat(Transcriber.clean(" a\u0000b\u001bc\nd\u007f ")).isEqualTo("abc\nd");
		assertThat(Transcriber.clean(null)).isEmpty();
	}

}
