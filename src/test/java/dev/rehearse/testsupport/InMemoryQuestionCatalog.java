package dev.rehearse.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;

/** A small fixed English bank for tests, until the real catalog is on this branch. */
public class InMemoryQuestionCatalog implements QuestionCatalog {

	public static final String BANK = "test-bank";

	public static final List<Question> QUESTIONS = List.of(
			question(1, "java", "What is the difference between a HashMap and a TreeMap?",
					List.of("HashMap is unordered and uses hashing", "TreeMap keeps keys sorted",
							"TreeMap operations are logarithmic")),
			question(2, "java", "What does the volatile keyword guarantee?",
					List.of("visibility of writes across threads", "no reordering around the access",
							"no atomicity for compound actions")),
			question(3, "databases", "What is a database index and when does it hurt?",
					List.of("an index speeds up lookups", "indexes slow down writes", "indexes take storage")),
			question(4, "databases", "Explain the isolation level read committed.",
					List.of("no dirty reads", "non-repeatable reads are possible")));

	/** The HashMap question's id: "hashing, sorted keys, logarithmic" covers all its key points. */
	public static final String HASHMAP = QUESTIONS.get(0).id().toString();

	private static Question question(int position, String category, String text, List<String> keyPoints) {
		return new Question(UUID.nameUUIDFromBytes((BANK + position).getBytes()), BANK, category, position, text,
				String.join("\n", keyPoints.stream().map((point) -> "- " + point).toList()), keyPoints, "en", "medium",
				List.of());
	}

	@Override
	public Mono<Question> findQuestion(UUID id) {
		return Flux.fromIterable(QUESTIONS).filter((q) -> q.id().equals(id)).next();
	}

	@Override
	public Flux<Question> findQuestions(String bankId, Collection<String> categories) {
		return Flux.fromIterable(QUESTIONS)
			.filter((q) -> q.bankId().equals(bankId))
			.filter((q) -> categories == null || categories.isEmpty() || categories.contains(q.category()));
	}

	@Override
	public Mono<Boolean> bankExists(String bankId) {
		return Mono.just(BANK.equals(bankId));
	}

}
