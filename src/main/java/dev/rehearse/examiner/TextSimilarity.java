package dev.rehearse.examiner;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * How close texts are in meaning, by the offline examiner's local embedding models: for features
 * that rank by meaning without any network (a job description against bank questions).
 */
public interface TextSimilarity {

	/**
	 * The cosine similarity of {@code query} to each of {@code texts}, in their order. One model
	 * embeds them all: the Chinese one when any of them has Chinese characters (it reads English
	 * too), else the English one. Runs off the caller's thread.
	 */
	Mono<double[]> similarities(String query, List<String> texts);

}
