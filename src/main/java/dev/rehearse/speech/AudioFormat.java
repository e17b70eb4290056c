package dev.rehearse.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.MediaType;

/**
 * The audio formats a recording may come in: what browsers' MediaRecorder writes (WebM/Opus in
 * Chrome, Edge and Firefox, Ogg in older Firefox, MP4/AAC in Safari), WAV, MP3 and M4A. A format is
 * known by its declared media type (codecs parameters allowed) and must also look like it (its first
 * bytes), so a file is never forwarded as something it is not. The file name extension is what
 * OpenAI-compatible servers go by.
 */
enum AudioFormat {

	WEBM("webm", "audio/webm"), OGG("ogg", "audio/ogg"), WAV("wav", "audio/wav"), MP3("mp3", "audio/mpeg"),
	MP4("m4a", "audio/mp4");

	private final String extension;

	private final String mediaType;

	AudioFormat(String extension, String mediaType) {
		this.extension = extension;
		this.mediaType = mediaType;
	}

	String extension() {
		return this.extension;
	}

	/** The media type to serve a stored recording with. */
	String mediaType() {
		return this.mediaType;
	}

	/** The format a declared media type names, whatever its parameters. */
	static Optional<AudioFormat> declared(MediaType type) {
		if (type == null) {
			return Optional.empty();
		}
		String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
		return switch (name) {
			case "audio/webm" -> Optional.of(WEBM);
			case "audio/ogg", "audio/opus" -> Optional.of(OGG);
			case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave" -> Optional.of(WAV);
			case "audio/mpeg", "audio/mp3" -> Optional.of(MP3);
			case "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac" -> Optional.of(MP4);
			default -> Optional.empty();
		};
	}

	/** Whether the bytes start the way a file of this format does. */
	boolean matches(byte[] audio) {
		return switch (this) {
			case WEBM -> startsWith(audio, 0, new byte[] { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3 });
			case OGG -> startsWith(audio, 0, ascii("OggS"));
			case WAV -> startsWith(audio, 0, ascii("RIFF")) && startsWith(audio, 8, ascii("WAVE"));
			case MP3 -> startsWith(audio, 0, ascii("ID3"))
					|| (audio.length > 1 && (audio[0] & 0xFF) == 0xFF && (audio[1] & 0xE0) == 0xE0);
			case MP4 -> startsWith(audio, 4, ascii("ftyp"));
		};
	}

	/**
	 * How long a WAV file plays, from its header (other formats would need a demuxer): empty when
	 * it cannot be told.
	 */
	static Optional<Double> wavSeconds(byte[] audio) {
		ByteBuffer buffer = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
		int byteRate = 0;
		int at = 12;
		while (at + 8 <= audio.length) {
			String id = new String(audio, at, 4, StandardCharsets.US_ASCII);
			long size = Integer.toUnsignedLong(buffer.getInt(at + 4));
			if ("fmt ".equals(id) && at + 20 <= audio.length) {
				byteRate = buffer.getInt(at + 16);
			}
			else if ("data".equals(id)) {
				if (byteRate <= 0) {
					return Optional.empty();
				}
				// a streamed WAV may leave its data size unset (0 or 0xFFFFFFFF): count what is there
				long available = audio.length - (at + 8L);
				long data = (size == 0 || size > available) ? available : size;
				return Optional.of(data / (double) byteRate);
			}
			at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] audio, int offset, byte[] prefix) {
		return audio.length >= offset + prefix.length
				&& Arrays.equals(audio, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
