package dev.rehearse.questionbank;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read access to the banks for the other features (interviews pick their questions here). A bank
 * a user uploaded is private: the methods taking a {@code userId} see the shared banks and that
 * user's own, the others see shared banks only, so no caller can reach another user's bank.
 */
public interface QuestionCatalog {

	/**
	 * The question, retired or not, or empty when no such question exists. By id alone: callers
	 * hold ids they got from a bank the user may see (an interview's plan).
	 */
	Mono<Question> findQuestion(UUID id);

	/**
	 * A shared bank's current (not retired) questions in bank order, restricted to the given
	 * categories when that collection is not empty. Empty when no such shared bank exists.
	 */
	Flux<Question> findQuestions(String bankId, Collection<String> categories);

	/**
	 * As {@link #findQuestions(String, Collection)} for a bank the user may see: shared, or
	 * the user's own. Empty for another user's private bank.
	 */
	Flux<Question> findQuestions(long userId, String bankId, Collection<String> categories);

	/** The title of the shared bank with this id, or empty when there is none. */
	Mono<String> bankTitle(String bankId);

	/** The title of a bank the user may see, or empty (also for another user's private bank). */
	Mono<String> bankTitle(long userId, String bankId);

	/** Whether a shared bank with this id is loaded. */
	Mono<Boolean> bankExists(String bankId);

	/** Whether the user may see a bank with this id: a shared one or the user's own. */
	Mono<Boolean> bankExists(long userId, String bankId);

}
