package dev.rehearse.tailoring;

import java.util.List;

/**
 * A plan for a tailored interview.
 *
 * @param plan how it was planned
 * @param questions the questions in order, never empty
 * @param bankId the bank the interview is filed under: the one asked for, else the bank most of
 * its bank questions come from
 * @param bankTitle that bank's title
 */
public record TailoredPlan(Plan plan, List<PlannedQuestion> questions, String bankId, String bankTitle) {

	public TailoredPlan {
		questions = List.copyOf(questions);
	}

}
