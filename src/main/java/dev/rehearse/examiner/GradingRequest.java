package dev.rehearse.examiner;

import java.util.List;

/**
 * One answer to grade.
 *
 * @param question the question, its reference answer and key points
 * @param answer the candidate's answer: untrusted text
 * @param history earlier exchanges on this question (for a follow-up), oldest first
 */
public record GradingRequest(QuestionContext question, String answer, List<Exchange> history) {

	public GradingRequest {
		history = (history != null) ? List.copyOf(history) : List.of();
	}

	public GradingRequest(QuestionContext question, String answer) {
		this(question, answer, List.of());
	}

	/**
	 * An earlier question and answer in the same thread.
	 *
	 * @param question what the examiner asked
	 * @param answer what the candidate said
	 */
	public record Exchange(String question, String answer) {
	}

}
