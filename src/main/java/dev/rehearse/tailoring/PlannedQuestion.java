package dev.rehearse.tailoring;

import dev.rehearse.questionbank.Question;

/**
 * One question of a plan, in order.
 *
 * @param question the question with its reference answer and key points (a written one carries no
 * bank: its {@code bankId} is {@link #WRITTEN_BANK})
 * @param origin {@code bank}, {@code generated} (written by the model for this interview) or
 * {@code self-introduction}
 * @param phase its phase of the interview
 */
public record PlannedQuestion(Question question, String origin, String phase) {

	public static final String BANK = "bank";

	public static final String GENERATED = "generated";

	public static final String SELF_INTRODUCTION = "self-introduction";

	/** The {@code bankId} of a question written for one interview. */
	public static final String WRITTEN_BANK = "";

	/** Whether it was written for this interview (and is stored with it) rather than taken from a bank. */
	public boolean written() {
		return !BANK.equals(this.origin);
	}

}
