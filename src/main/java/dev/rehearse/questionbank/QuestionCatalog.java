package dev.rehearse.questionbank;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read access to the loaded banks for the other features (interviews pick their questions here).
 */
public interface QuestionCatalog {

	/** The question, retired or not, or empty when no such question exists. */
	Mono<Question> findQuestion(UUID id);

	/**
	 * The bank's current (not retired) questions in bank order, restricted to the given
	 * categories when that collection is not empty. Empty when the bank does not exist.
	 */
	Flux<Question> findQuestions(String bankId, Collection<String> categories);

	/** The title of the bank with this id, or empty when no such bank is loaded. */
	Mono<String> bankTitle(String bankId);

	/** Whether a bank with this id is loaded. */
	Mono<Boolean> bankExists(String bankId);

}
