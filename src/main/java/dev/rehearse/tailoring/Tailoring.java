package dev.rehearse.tailoring;

/**
 * What an interview was tailored to and how it was planned, as stored with it.
 *
 * @param jobDescription the job description, or null when none was given
 * @param resume the resume, or null when none was given
 * @param plan how it was planned
 */
public record Tailoring(String jobDescription, String resume, Plan plan) {

	public Tailoring {
		jobDescription = (jobDescription != null && !jobDescription.isEmpty()) ? jobDescription : null;
		resume = (resume != null && !resume.isEmpty()) ? resume : null;
	}

	/** Never the texts themselves (see {@link JobProfile#toString()}). */
	@Override
	public String toString() {
		return "Tailoring[" + this.plan + "]";
	}

}
