package dev.rehearse.interview;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTests {

	@Test
	void countsChineseFillersThatArePauses() {
		Delivery delivery = Delivery.of("嗯，那个，HashMap 是基于哈希的。然后然后，啊，就是，它不保证顺序。", "voice", 30.0);
		assertThat(delivery.fillers()).containsEntry("嗯", 1)
			.containsEntry("那个", 1)
			.containsEntry("然后", 2)
			.containsEntry("啊", 1)
			.containsEntry("就是", 1);
		assertThat(delivery.fillerCount()).isEqualTo(6);
		assertThat(delivery.perMinuteUnit()).isEqualTo("characters");
		assertThat(delivery.perMinute()).isPositive();
	}

	@Test
	void doesNotBlameChineseWordsThatCarryMeaning() {
		Delivery delivery = Delivery.of("那个线程先拿到锁，就是说其他线程要等待；首先加锁，然后再修改。", "voice", null);
		assertThat(delivery.fillers()).isEmpty();
		assertThat(delivery.perMinute()).isNull();
	}

	@Test
	void countsEnglishFillersOnlyWhenSetOffAsPauses() {
		Delivery delivery = Delivery.of("Um, so, like, the heap is, uh, you know, where objects live. Umm.", "voice", 12.0);
		assertThat(delivery.fillers()).isEqualTo(Map.of("um", 2, "uh", 1, "like", 1, "you know", 1));
		assertThat(delivery.perMinuteUnit()).isEqualTo("words");
		// 13 words in 12 seconds
		assertThat(delivery.perMinute()).isEqualTo(65.0);
	}

	@Test
	void doesNotBlameEnglishWordsThatCarryMeaning() {
		Delivery delivery = Delivery.of("I like Java. It works like a queue. Do you know the answer? If you know, "
				+ "tell me. Umbrella and uhlan are words.", "text", null);
		assertThat(delivery.fillers()).isEmpty();
	}

	@Test
	void measuresLength() {
		Delivery delivery = Delivery.of("Hello  world 你好", "text", null);
		assertThat(delivery.characters()).isEqualTo(12);
		assertThat(delivery.words()).isEqualTo(4);
	}

	@Test
	void aTypedAnswerGetsItsLengthButNoSpeakingRate() {
		Delivery typed = Delivery.of("Um, the heap is where objects live.", "text", 3.0);
		assertThat(typed.perMinute()).as("typing speed is not a speaking rate").isNull();
		assertThat(typed.inputMode()).isEqualTo("text");
		assertThat(typed.characters()).isEqualTo(29);
		assertThat(typed.words()).isEqualTo(7);
		assertThat(typed.fillerCount()).isEqualTo(1);
	}

	@Test
	void aSpokenAnswerShorterThanASecondGetsNoSpeakingRate() {
		assertThat(Delivery.of("heap", "voice", 0.4).perMinute()).isNull();
		Delivery spoken = Delivery.of("the heap is where objects live", "voice", 3.0);
		assertThat(spoken.inputMode()).isEqualTo("voice");
		// 6 words in 3 seconds
		assertThat(spoken.perMinute()).isEqualTo(120.0);
	}

	@Test
	void aSpokenAnswerShowsItsPausesAndItsRateOverSpeechTime() {
		// 6 words spoken in 3 seconds of speech, with two long pauses measured in the recording
		Delivery spoken = Delivery.of("the heap is where objects live", "voice", 3.0, 2, 3.4);
		assertThat(spoken.perMinute()).isEqualTo(120.0);
		assertThat(spoken.pauseCount()).isEqualTo(2);
		assertThat(spoken.longestPauseSeconds()).isEqualTo(3.4);
	}

	@Test
	void aTypedAnswerShowsNoPausesWhateverItSends() {
		Delivery typed = Delivery.of("the heap is where objects live", "text", 3.0, 2, 3.4);
		assertThat(typed.pauseCount()).isNull();
		assertThat(typed.longestPauseSeconds()).isNull();
	}

	@Test
	void impossiblePauseFiguresAreDroppedNotShown() {
		Delivery spoken = Delivery.of("the heap is where objects live", "voice", 3.0, -1, -2.0);
		assertThat(spoken.pauseCount()).isNull();
		assertThat(spoken.longestPauseSeconds()).isNull();
		assertThat(Delivery.of("heap", "voice", 3.0, 0, Double.NaN).longestPauseSeconds()).isNull();
		assertThat(Delivery.of("heap", "voice", 3.0, 0, 0.0).pauseCount()).as("no pause is a figure too").isZero();
	}

	@Test
	void anAnswerWithoutMeasuredPausesHasNone() {
		Delivery spoken = Delivery.of("the heap is where objects live", "voice", 3.0);
		assertThat(spoken.pauseCount()).isNull();
		assertThat(spoken.longestPauseSeconds()).isNull();
	}

}
