package dev.rehearse.interview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.rehearse.questionbank.KeyPoint;

/**
 * What happens to an answer while it is graded and the interview moves on, in order. The domain
 * emits these; only the controller turns them into server-sent events, named by {@link #name()}
 * with the record as JSON data ({@link Failed} excepted: its message is put into the caller's
 * language there). A new event is one record here and one handler in the web chat.
 */
sealed interface InterviewEvent {

	/** The server-sent event's name. */
	String name();

	@Schema(name = "SavedEvent", description = "event: saved — the answer is committed; always first after an answer.")
	record Saved(UUID turnId, Instant answeredAt) implements InterviewEvent {

		@Override
		public String name() {
			return "saved";
		}

	}

	@Schema(name = "QueuedEvent", description = "event: queued — the answer is saved and waits for a free grader; "
			+ "position 1 is next. Sent again as the place changes, until grading starts.")
	record Queued(int position) implements InterviewEvent {

		@Override
		public String name() {
			return "queued";
		}

	}

	@Schema(name = "RetryingEvent", description = "event: retrying — the model call failed before any feedback and is "
			+ "tried again. reason: timeout, rate-limited, server-error, connection or malformed.")
	record Retrying(int attempt, int of, String reason) implements InterviewEvent {

		@Override
		public String name() {
			return "retrying";
		}

	}

	@Schema(name = "FeedbackEvent", description = "event: feedback — the next piece of the feedback text (Markdown), "
			+ "to be appended; several model tokens are coalesced into one event.")
	record Feedback(String delta) implements InterviewEvent {

		@Override
		public String name() {
			return "feedback";
		}

	}

	/**
	 * The stored verdict. With a follow-up due, {@code referenceAnswer} is null, the missed points'
	 * details are hidden and {@code revealed} is false.
	 */
	@Schema(name = "VerdictEvent", description = "event: verdict — the stored verdict. With a follow-up due the "
			+ "reference answer is null, missed points are hidden and revealed is false; parentTurnId names the "
			+ "question an answered follow-up belonged to.")
	record Verdict(UUID turnId, dev.rehearse.examiner.Verdict verdict, Delivery delivery, String referenceAnswer,
			List<KeyPoint> keyPoints, boolean revealed, UUID parentTurnId) implements InterviewEvent {

		@Override
		public String name() {
			return "verdict";
		}

	}

	@Schema(name = "QuestionEvent", description = "event: question — the turn now asked (a follow-up or the next "
			+ "question).")
	record Question(InterviewViews.TurnView turn) implements InterviewEvent {

		@Override
		public String name() {
			return "question";
		}

	}

	@Schema(name = "FinishedEvent", description = "event: finished — the interview ended; its report.")
	record Finished(Report report) implements InterviewEvent {

		@Override
		public String name() {
			return "finished";
		}

	}

	/**
	 * The grading failed or its result could not be kept; the last event. The message is a code
	 * of {@code messages*.properties} with its arguments, resolved at the edge.
	 *
	 * @param reason why
	 * @param arguments the message's arguments
	 * @param retryable whether the answer can be graded again with the regrade endpoint
	 */
	record Failed(Reason reason, List<Object> arguments, boolean retryable) implements InterviewEvent {

		Failed(Reason reason, boolean retryable, Object... arguments) {
			this(reason, List.of(arguments), retryable);
		}

		@Override
		public String name() {
			return "error";
		}

		/** The message code of this failure. */
		String code() {
			return "interview.grading." + this.reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		/** Why a grading failed; each is a message {@code interview.grading.<reason>}. */
		enum Reason {

			/** The interview was deleted while its answer was graded. */
			DELETED,
			/** The sweep took the grading over and graded the answer again. */
			GRADED_ELSEWHERE,
			/** The examiner did not finish within the grading timeout (argument: seconds). */
			TIMEOUT,
			/** The examiner failed (argument: its description, in English, from the provider). */
			EXAMINER_FAILED,
			/** The examiner's stream ended without a verdict. */
			NO_VERDICT,
			/** Anything else went wrong before the verdict was stored. */
			NOT_GRADED,
			/** The verdict is stored but the next question could not be prepared. */
			NOT_MOVED_ON

		}

	}

	/** The data of {@link Failed} as the stream carries it. */
	@Schema(name = "ErrorEvent", description = "event: error — the last event of a failed grading, in the "
			+ "caller's language (Accept-Language). retryable: the answer is saved and the regrade endpoint grades "
			+ "it again.")
	record ErrorData(String message, boolean retryable) {
	}

}
