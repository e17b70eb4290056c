package dev.rehearse.tailoring;

import dev.rehearse.system.Language;

/**
 * What a candidate gave to tailor an interview: a job description, a resume, or both. Both are
 * the candidate's own text (untrusted): they go nowhere but the configured model and the
 * interview's own row, and are never logged.
 *
 * @param jobDescription the job description, stripped, or empty
 * @param resume the resume as text, stripped, or empty
 */
public record JobProfile(String jobDescription, String resume) {

	public JobProfile {
		jobDescription = (jobDescription != null) ? jobDescription.strip() : "";
		resume = (resume != null) ? resume.strip() : "";
	}

	/** Whether neither text was given: the interview is not tailored. */
	public boolean isEmpty() {
		return this.jobDescription.isEmpty() && this.resume.isEmpty();
	}

	boolean hasResume() {
		return !this.resume.isEmpty();
	}

	/** The text questions are ranked against: the job description, else the resume. */
	String rankingText() {
		return this.jobDescription.isEmpty() ? this.resume : this.jobDescription;
	}

	/** The language the candidate wrote in ({@code zh} or {@code en}). */
	String language() {
		return Language.detect(rankingText());
	}

	/** Never the texts themselves: a profile that reaches a log line says only how long they are. */
	@Override
	public String toString() {
		return "JobProfile[jobDescription=" + this.jobDescription.length() + " chars, resume=" + this.resume.length()
				+ " chars]";
	}

}
