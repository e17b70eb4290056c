package dev.rehearse.interview;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.InterviewerStyle;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Rows of {@code interview} and {@code turn} as records, and the JSON columns both ways: one
 * mapping for the turn store, the interview store and history.
 */
@Component
class InterviewRows {

	private static final TypeReference<List<KeyPoint>> KEY_POINTS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {
	};

	private final JsonMapper json;

	InterviewRows(JsonMapper json) {
		this.json = json;
	}

	static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
			Object value, Class<?> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	/** The columns of an interview row, each as {@code i_<column>}: beside a turn's in one joined row. */
	static final String INTERVIEW_COLUMNS = """
			i.id as i_id, i.user_id as i_user_id, i.bank_id as i_bank_id, i.bank_title as i_bank_title,
			i.language as i_language, i.mode as i_mode, i.status as i_status, i.question_ids as i_question_ids,
			i.categories as i_categories, i.examiner_kind as i_examiner_kind, i.examiner_provider as i_examiner_provider,
			i.examiner_model as i_examiner_model, i.report as i_report, i.created_at as i_created_at,
			i.finished_at as i_finished_at, i.style as i_style""";

	/**
	 * A turn's columns for grading an answer ({@link #turn} reads them): its feedback, verdict and
	 * delivery left out (null), as grading reads them of no turn it loads.
	 */
	static final String TURN_COLUMNS_FOR_GRADING = """
			t.id, t.interview_id, t.position, t.question_id, t.category, t.kind, t.parent_turn_id, t.spoken_text,
			t.question_text, t.reference_answer, t.key_points, t.status, t.answer_text, t.input_mode,
			t.duration_seconds, t.answered_at, null::jsonb as delivery, null::text as feedback, null::jsonb as verdict,
			t.graded_at, t.grading_started_at, t.attempts, t.last_error, t.origin""";

	Interview interview(Readable row) {
		return prefixedInterview(row, "");
	}

	/** An interview from columns named with {@code prefix} (see {@link #INTERVIEW_COLUMNS}). */
	Interview prefixedInterview(Readable row, String prefix) {
		Json report = row.get(prefix + "report", Json.class);
		return new Interview(row.get(prefix + "id", UUID.class), row.get(prefix + "user_id", Long.class),
				row.get(prefix + "bank_id", String.class), row.get(prefix + "bank_title", String.class),
				row.get(prefix + "language", String.class), row.get(prefix + "mode", String.class),
				InterviewStatus.valueOf(row.get(prefix + "status", String.class)),
				fromJson(row.get(prefix + "question_ids", Json.class), UUIDS),
				fromJson(row.get(prefix + "categories", Json.class), STRINGS),
				new ExaminerInfo(row.get(prefix + "examiner_kind", String.class),
						row.get(prefix + "examiner_provider", String.class), row.get(prefix + "examiner_model", String.class)),
				(report != null) ? this.json.readValue(report.asArray(), Report.class) : null,
				instant(row, prefix + "created_at"), instant(row, prefix + "finished_at"),
				InterviewerStyle.of(row.get(prefix + "style", String.class)));
	}

	Turn turn(Readable row) {
		String answerText = row.get("answer_text", String.class);
		Turn.Answer answer = (answerText != null) ? new Turn.Answer(answerText, row.get("input_mode", String.class),
				row.get("duration_seconds", Double.class), instant(row, "answered_at")) : null;
		Json delivery = row.get("delivery", Json.class);
		Json verdict = row.get("verdict", Json.class);
		return new Turn(row.get("id", UUID.class), row.get("interview_id", UUID.class), row.get("position", Integer.class),
				row.get("question_id", UUID.class), row.get("category", String.class),
				TurnKind.valueOf(row.get("kind", String.class)), row.get("parent_turn_id", UUID.class),
				row.get("spoken_text", String.class), row.get("question_text", String.class),
				row.get("reference_answer", String.class), fromJson(row.get("key_points", Json.class), KEY_POINTS),
				TurnStatus.valueOf(row.get("status", String.class)), answer,
				(delivery != null) ? this.json.readValue(delivery.asArray(), Delivery.class) : null,
				row.get("feedback", String.class),
				(verdict != null) ? this.json.readValue(verdict.asArray(), Verdict.class) : null,
				instant(row, "graded_at"), instant(row, "grading_started_at"), row.get("attempts", Integer.class),
				row.get("last_error", String.class), row.get("origin", String.class));
	}

	static Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	Json toJson(Object value) {
		return Json.of(this.json.writeValueAsBytes(value));
	}

	private <T> T fromJson(Json value, TypeReference<T> type) {
		return this.json.readValue(value.asArray(), type);
	}

}