package dev.rehearse.tailoring;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The bank questions a tailored interview may take: the named bank's, or, with no bank named,
 * those of every bank the user can see in the candidate's language (all of them when no bank is
 * in that language), so that one interview is spoken in one language.
 */
@Component
class CandidateQuestions {

	private final QuestionCatalog catalog;

	private final DatabaseClient database;

	CandidateQuestions(QuestionCatalog catalog, DatabaseClient database) {
		this.catalog = catalog;
		this.database = database;
	}

	/** The candidates, in bank order; empty when there are none. */
	Mono<List<Question>> find(long userId, String bankId, List<String> categories, String language) {
		if (bankId != null) {
			return this.catalog.findQuestions(userId, bankId, categories).collectList();
		}
		return visibleBanks(userId).concatMap((bank) -> this.catalog.findQuestions(userId, bank, categories))
			.collectList()
			.map((all) -> {
				List<Question> same = all.stream().filter((question) -> language.equals(question.language())).toList();
				return same.isEmpty() ? all : same;
			});
	}

	/**
	 * The ids of every bank the user can see: the shared ones and the user's own. The catalog has
	 * no listing of ids, so this one query reads them; the catalog's user-aware reads then take
	 * each bank's questions, so another user's private bank can never come through here.
	 */
	Flux<String> visibleBanks(long userId) {
		return this.database.sql("select id from bank where owner_id is null or owner_id = :user order by id")
			.bind("user", userId)
			.map((row) -> row.get("id", String.class))
			.all();
	}

}
