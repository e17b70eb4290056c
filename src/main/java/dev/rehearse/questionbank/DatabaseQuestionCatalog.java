package dev.rehearse.questionbank;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The {@link QuestionCatalog} over the banks stored in PostgreSQL; who sees which bank is decided
 * by {@link BankRepository}'s statements.
 */
@Component
class DatabaseQuestionCatalog implements QuestionCatalog {

	private final BankRepository repository;

	DatabaseQuestionCatalog(BankRepository repository) {
		this.repository = repository;
	}

	@Override
	public Mono<Question> findQuestion(UUID id) {
		return this.repository.findQuestion(id).map(BankRepository.StoredQuestion::question);
	}

	@Override
	public Flux<Question> findQuestions(String bankId, Collection<String> categories) {
		return this.repository.findCurrentQuestions(bankId, categories);
	}

	@Override
	public Flux<Question> findQuestions(long userId, String bankId, Collection<String> categories) {
		return this.repository.findCurrentQuestions(userId, bankId, categories);
	}

	@Override
	public Mono<String> bankTitle(String bankId) {
		return this.repository.bankTitle(bankId);
	}

	@Override
	public Mono<String> bankTitle(long userId, String bankId) {
		return this.repository.bankTitle(userId, bankId);
	}

	@Override
	public Mono<Boolean> bankExists(String bankId) {
		return this.repository.bankExists(bankId);
	}

	@Override
	public Mono<Boolean> bankExists(long userId, String bankId) {
		return this.repository.bankVisible(userId, bankId);
	}

}
