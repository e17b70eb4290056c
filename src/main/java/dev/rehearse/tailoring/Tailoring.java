package dev.rehearse.tailoring;

/**
 * What an interview was tailored to and how it was planned, as stored with it.
 *
 * @param jobDescription the job description, or empty
 * @param resume the resume, or empty
 * @param plan how it was planned
 */
public record Tailoring(String jobDescription, String resume, Plan plan) {

	/** Never the texts themselves (see {@link JobProfile#toString()}). */
	@Override
	public String toString() {
		return "Tailoring[" + this.plan + "]";
	}

}
