package dev.rehearse.speech;

import org.junit.jupiter.api.Test;

import dev.rehearse.testsupport.FakeAudioServer;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class AudioFormatTests {

	@Test
	void knowsWhatBrowsersRecordWhateverTheCodecsParameter() {
		assertThat(AudioFormat.declared(MediaType.parseMediaType("audio/webm;codecs=opus"))).contains(AudioFormat.WEBM);
		assertThat(AudioFormat.declared(MediaType.parseMediaType("audio/ogg; codecs=opus"))).contains(AudioFormat.OGG);
		assertThat(AudioFormat.declared(MediaType.parseMediaType("audio/mp4;codecs=mp4a.40.2"))).contains(AudioFormat.MP4);
		assertThat(AudioFormat.declared(MediaType.parseMediaType("audio/x-wav"))).contains(AudioFormat.WAV);
		assertThat(AudioFormat.declared(MediaType.parseMediaType("audio/mpeg"))).contains(AudioFormat.MP3);
		assertThat(AudioFormat.declared(MediaType.parseMediaType("audio/m4a"))).contains(AudioFormat.MP4);
		assertThat(AudioFormat.declared(MediaType.parseMediaType("video/mp4"))).isEmpty();
		assertThat(AudioFormat.declared(MediaType.TEXT_PLAIN)).isEmpty();
	}

	@Test
	void aFileMustLookLikeItsFormat() {
		assertThat(AudioFormat.WEBM.matches(FakeAudioServer.webm(64))).isTrue();
		assertThat(AudioFormat.WAV.matches(FakeAudioServer.wav(0.1))).isTrue();
		assertThat(AudioFormat.MP3.matches(FakeAudioServer.mp3(1))).isTrue();
		assertThat(AudioFormat.WEBM.matches(FakeAudioServer.wav(0.1))).isFalse();
		assertThat(AudioFormat.OGG.matches("OggS....".getBytes())).isTrue();
		assertThat(AudioFormat.MP4.matches("\u0000\u0000\u0000\u0020ftypM4A ".getBytes())).isTrue();
		assertThat(AudioFormat.WAV.matches(new byte[3])).isFalse();
	}

	@Test
	void tellsHowLongAWavPlaysFromItsHeader() {
		assertThat(AudioFormat.wavSeconds(FakeAudioServer.wav(2.5))).hasValueSatisfying(
				(seconds) -> assertThat(seconds).isEqualTo(2.5));
		byte[] streamed = FakeAudioServer.wav(1.0);
		// a streamed WAV leaves the data size unset
		streamed[40] = streamed[41] = streamed[42] = streamed[43] = (byte) 0xFF;
		assertThat(AudioFormat.wavSeconds(streamed)).hasValueSatisfying((seconds) -> assertThat(seconds).isEqualTo(1.0));
		assertThat(AudioFormat.wavSeconds(FakeAudioServer.webm(64))).isEmpty();
	}

}
