package dev.rehearse.interview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.InterviewerStyle;

/**
 * An interview as stored.
 *
 * @param id the interview's id
 * @param userId the account that owns it
 * @param bankId the bank its questions come from
 * @param bankTitle the bank's title when the interview began
 * @param language the bank's language
 * @param mode {@code normal}, {@code weak-spots} or {@code review}
 * @param status the one state of the interview
 * @param questionIds the main questions planned, in order
 * @param categories the categories asked for (empty: all)
 * @param examiner who grades it
 * @param report the report, once finished or abandoned
 * @param createdAt when it began
 * @param finishedAt when it ended, or null
 * @param style how the interviewer speaks
 */
record Interview(UUID id, long userId, String bankId, String bankTitle, String language, String mode,
		InterviewStatus status, List<UUID> questionIds, List<String> categories, ExaminerInfo examiner, Report report,
		Instant createdAt, Instant finishedAt, InterviewerStyle style) {
}
