package dev.rehearse.interview;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * An answer (untrusted). The constraints' messages are codes of {@code messages*.properties}, put
 * into the caller's language by {@link RequestValidation}; the length limit is the examiner's
 * ({@link AnswerLimit}, a 413).
 *
 * @param text the answer
 * @param inputMode {@code text} (default) or {@code voice}
 * @param durationSeconds how long the answer took, for the pace; under a second is no spoken
 * answer and would make the pace absurd (for a voice answer transcribed on the server: the time
 * spent speaking)
 * @param pauseCount long pauses in the recording of a voice answer (optional)
 * @param longestPauseSeconds the longest pause in that recording (optional)
 */
record AnswerRequest(@NotBlank(message = "validation.not-empty") String text,
		@Pattern(regexp = "text|voice", message = "validation.one-of") String inputMode,
		@DecimalMin(value = "1", message = "interview.duration") @DecimalMax(value = "3600",
				message = "interview.duration") Double durationSeconds,
		@Min(value = 0, message = "interview.pause-count") Integer pauseCount,
		@DecimalMin(value = "0", message = "interview.pause-seconds") @DecimalMax(value = "3600",
				message = "interview.pause-seconds") Double longestPauseSeconds) {
}
