package dev.rehearse.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A WAV file for Chromium's fake microphone that sounds, to an energy detector, like someone
 * answering and then falling silent: syllables of voiced sound (harmonics of a wandering pitch
 * under a rounded envelope, with short gaps between them, and one longer pause mid-answer), then
 * digital silence. Chromium plays the file in a loop. A steady tone would not do: the browser's
 * noise suppression fades it out within seconds.
 */
final class SpeechLikeWav {

	static final int RATE = 16_000;

	private SpeechLikeWav() {
	}

	/**
	 * Writes the file: {@code lead} seconds of silence, {@code speech} seconds of syllables (with a
	 * pause of {@code pause} seconds in the middle), then {@code silence} seconds of silence.
	 */
	static Path write(Path file, double lead, double speech, double pause, double silence) {
		int total = (int) ((lead + speech + pause + silence) * RATE);
		short[] samples = new short[total];
		Random random = new Random(12);
		int start = (int) (lead * RATE);
		int half = (int) (speech / 2 * RATE);
		syllables(samples, start, half, random);
		syllables(samples, start + half + (int) (pause * RATE), half, random);
		ByteBuffer wav = ByteBuffer.allocate(44 + total * 2).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes()).putInt(36 + total * 2).put("WAVE".getBytes());
		wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
			.putShort((short) 2).putShort((short) 16);
		wav.put("data".getBytes()).putInt(total * 2);
		for (short sample : samples) {
			wav.putShort(sample);
		}
		try {
			return Files.write(file, wav.array());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Syllables of 120–260 ms with 40–110 ms gaps, from {@code from} for {@code length} samples. */
	private static void syllables(short[] samples, int from, int length, Random random) {
		int at = from;
		int end = from + length;
		double phase = 0;
		while (at < end) {
			int syllable = Math.min(end - at, (int) ((0.12 + random.nextDouble() * 0.14) * RATE));
			double pitch = 105 + random.nextDouble() * 70;
			for (int i = 0; i < syllable; i++) {
				double envelope = Math.sin(Math.PI * i / syllable);
				double f0 = pitch * (1 + 0.08 * Math.sin(2 * Math.PI * i / syllable));
				phase += 2 * Math.PI * f0 / RATE;
				double voiced = 0;
				// a vowel's spectrum: harmonics that fall off, with a bump near 700 Hz
				for (int harmonic = 1; harmonic <= 12; harmonic++) {
					double frequency = f0 * harmonic;
					double weight = 1.0 / harmonic + 0.6 * Math.exp(-Math.pow((frequency - 700) / 250, 2));
					voiced += weight * Math.sin(harmonic * phase);
				}
				double noise = (random.nextDouble() - 0.5) * 0.15;
				double value = 0.22 * envelope * (voiced / 2.5 + noise);
				samples[at + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value * Short.MAX_VALUE));
			}
			at += syllable + (int) ((0.04 + random.nextDouble() * 0.07) * RATE);
		}
	}

}
