package dev.rehearse.examiner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the offline examiner ({@code rehearse.examiner.offline.*}).
 *
 * @param loadAtStartup load the embedding models in the background when the application starts,
 * rather than on the first grading (which then waits for them)
 * @param threads at most this many answers are embedded at once (each uses ONNX Runtime's own
 * threads too); gradings beyond wait in a queue
 * @param queueSize how many gradings may wait for a thread before new ones are refused
 * @param maxAnswerChars only the first this many characters of an answer are graded
 * @param cacheSize how many embeddings of questions and key points are kept in memory
 */
@ConfigurationProperties("rehearse.examiner.offline")
record OfflineExaminerProperties(@DefaultValue("true") boolean loadAtStartup, @DefaultValue("2") int threads,
		@DefaultValue("1000") int queueSize, @DefaultValue("8000") int maxAnswerChars,
		@DefaultValue("2000") int cacheSize) {

	OfflineExaminerProperties {
		if (threads < 1 || queueSize < 1 || maxAnswerChars < 1 || cacheSize < 0) {
			throw new IllegalArgumentException("offline examiner settings must be positive");
		}
	}

	/** The defaults, for use without Spring (the examiner benchmark). */
	static OfflineExaminerProperties defaults() {
		return new OfflineExaminerProperties(false, 2, 1000, 8000, 2000);
	}

}
