package dev.rehearse.speech;

import java.nio.ByteBuffer;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The "keep my recordings" setting and the recordings kept with voice answers, in PostgreSQL. Every
 * query names the user, so a recording is found and stored only through its owner's interview.
 */
class Recordings {

	private final DatabaseClient database;

	Recordings(DatabaseClient database) {
		this.database = database;
	}

	/** Whether the user keeps recordings (off unless they turned it on). */
	Mono<Boolean> keepRecordings(long userId) {
		return this.database.sql("select keep_recordings from speech_setting where user_id = :user")
			.bind("user", userId)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("keep_recordings", Boolean.class)))
			.one()
			.defaultIfEmpty(false);
	}

	Mono<Void> setKeepRecordings(long userId, boolean keep) {
		return this.database.sql("""
				insert into speech_setting (user_id, keep_recordings) values (:user, :keep)
				on conflict (user_id) do update set keep_recordings = excluded.keep_recordings, updated_at = now()
				""").bind("user", userId).bind("keep", keep).then();
	}

	/**
	 * Keeps the audio with the turn, replacing an earlier recording of it, if the turn is in the
	 * user's interview and the user keeps recordings (checked in the same statement, so a setting
	 * turned off meanwhile is respected). Emits whether it was kept.
	 */
	Mono<Boolean> keep(long userId, UUID interviewId, UUID turnId, String contentType, byte[] audio) {
		return this.database.sql("""
				insert into turn_recording (turn_id, content_type, size_bytes, audio)
				select t.id, :type, :size, :audio from turn t join interview i on i.id = t.interview_id
				where t.id = :turn and i.id = :interview and i.user_id = :user
				  and exists (select 1 from speech_setting s where s.user_id = :user and s.keep_recordings)
				on conflict (turn_id) do update set content_type = excluded.content_type,
				  size_bytes = excluded.size_bytes, audio = excluded.audio, recorded_at = now()
				""")
			.bind("type", contentType)
			.bind("size", audio.length)
			.bind("audio", ByteBuffer.wrap(audio))
			.bind("turn", turnId)
			.bind("interview", interviewId)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** The recording kept with the user's turn, if any. */
	Mono<Recording> find(long userId, UUID interviewId, UUID turnId) {
		return this.database.sql("""
				select r.content_type, r.audio from turn_recording r
				join turn t on t.id = r.turn_id join interview i on i.id = t.interview_id
				where r.turn_id = :turn and t.interview_id = :interview and i.user_id = :user
				""")
			.bind("turn", turnId)
			.bind("interview", interviewId)
			.bind("user", userId)
			.map((row, meta) -> new Recording(row.get("content_type", String.class), bytes(row.get("audio", ByteBuffer.class))))
			.one();
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	/**
	 * A kept recording.
	 *
	 * @param contentType its media type
	 * @param audio the audio file
	 */
	record Recording(String contentType, byte[] audio) {
	}

}
