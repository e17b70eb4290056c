package dev.rehearse.examiner;

import java.util.Locale;

/**
 * How the interviewer speaks: the wording of questions and follow-ups, and how far follow-ups
 * probe. Never how an answer is graded: the grading prompt and the offline grader do not see it.
 */
public enum InterviewerStyle {

	/** Warm and encouraging. */
	FRIENDLY("warm, encouraging", "Speak in a warm, encouraging way: put the candidate at ease and acknowledge effort in a few words."),

	/** Professional and plain, as before there were styles. */
	NEUTRAL("friendly, professional", ""),

	/** Brisk and exacting: no small talk, precise questions, one more follow-up per question. */
	STRICT("brisk, exacting", "Speak in a brisk, exacting way, like a demanding senior interviewer: no small talk, no praise, "
			+ "ask for precision.");

	private final String persona;

	private final String manner;

	InterviewerStyle(String persona, String manner) {
		this.persona = persona;
		this.manner = manner;
	}

	/** How the spoken-question prompt describes the interviewer ("a … technical interviewer"). */
	String persona() {
		return this.persona;
	}

	/**
	 * The sentence on manner the prompts of what the interviewer says end their first paragraph
	 * with, after a space; empty for neutral, whose prompts stay as they were before styles.
	 */
	String manner() {
		return this.manner.isEmpty() ? "" : " " + this.manner;
	}

	/** The style's name in the API: {@code friendly}, {@code neutral}, {@code strict}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The style named so in the API; neutral when null. */
	public static InterviewerStyle of(String id) {
		return (id != null) ? valueOf(id.toUpperCase(Locale.ROOT)) : NEUTRAL;
	}

	/** Follow-ups per question in this style, given the configured number: strict asks one more. */
	public int followUps(int configured) {
		return (this == STRICT && configured > 0) ? configured + 1 : configured;
	}

}
