package dev.rehearse.tailoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Interviews tailored to a job.
 *
 * @param maxJobDescriptionChars longest job description taken, in characters (413 past it)
 * @param maxResumeChars longest resume taken, in characters (413 past it)
 * @param maxGeneratedQuestions the most questions the model may write for one interview (0: it
 * only picks bank questions)
 * @param candidateQuestions bank questions, the closest to the job first, that the model chooses
 * from (the rest are not sent)
 * @param planTimeout the longest wait for the model's plan; past it the offline ranking plans
 * @param pdf limits on a PDF resume
 */
@ConfigurationProperties("rehearse.tailoring")
record TailoringProperties(@DefaultValue("8000") int maxJobDescriptionChars,
		@DefaultValue("12000") int maxResumeChars, @DefaultValue("3") int maxGeneratedQuestions,
		@DefaultValue("30") int candidateQuestions, @DefaultValue("90s") Duration planTimeout,
		@DefaultValue Pdf pdf) {

	/**
	 * Limits on a PDF resume.
	 *
	 * @param maxBytes largest file read (413 past it)
	 * @param maxPages most pages read (413 past it)
	 */
	record Pdf(@DefaultValue("2MB") DataSize maxBytes, @DefaultValue("10") int maxPages) {
	}

}
