package dev.rehearse.interview;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new interview. The constraints' messages are codes of {@code messages*.properties}, put into
 * the caller's language by {@link RequestValidation}.
 *
 * @param bankId the bank; optional in review mode (it narrows the review to that bank) and with a job
 * description or resume (then every bank the user can see)
 * @param categories only these categories (optional)
 * @param questionIds exactly these questions, in order (optional)
 * @param questionCount how many questions (optional; its bounds are configuration, checked by
 * {@link Interviews})
 * @param mode {@code normal} (default), {@code weak-spots} or {@code review} (the questions due
 * for spaced review, most overdue first)
 * @param jobDescription a job description to tailor the interview to (optional; limits are
 * configuration, checked by the tailoring planner)
 * @param resume the candidate's resume as text, to tailor the interview to (optional)
 * @param style how the interviewer speaks: {@code friendly}, {@code neutral} (default) or
 * {@code strict}; never how answers are graded
 */
record BeginRequest(
		@Size(max = BeginRequest.MAX_NAME_LENGTH, message = "validation.too-long") String bankId,
		List<@NotNull(message = "validation.no-nulls") @Size(max = BeginRequest.MAX_NAME_LENGTH,
				message = "validation.too-long") String> categories,
		List<@NotNull(message = "validation.no-nulls") UUID> questionIds, Integer questionCount,
		@Pattern(regexp = "normal|weak-spots|review", message = "validation.one-of-three") String mode,
		String jobDescription, String resume,
		@Pattern(regexp = "friendly|neutral|strict", message = "validation.one-of-three") String style) {

	/** Longest bank id or category name taken; longer ones are no name of ours. */
	static final int MAX_NAME_LENGTH = 200;

	/** The mode that asks the questions due for spaced review. */
	static final String REVIEW = "review";

}
