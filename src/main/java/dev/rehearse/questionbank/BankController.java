package dev.rehearse.questionbank;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.account.AccountUser;
import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank API for reading: the banks the caller may see (shared ones and the caller's own) and
 * their questions; another user's private bank is not found. It never returns reference answers or
 * key points: those are revealed only once the candidate has answered, by the interview API.
 */
@RestController
@RequestMapping("/api/banks")
class BankController {

	private final BankRepository repository;

	BankController(BankRepository repository) {
		this.repository = repository;
	}

	@GetMapping
	Flux<BankSummary> banks(@AuthenticationPrincipal AccountUser user) {
		return this.repository.findBanks(user.id());
	}

	@GetMapping("/{bankId}/questions")
	Mono<List<QuestionView>> questions(@AuthenticationPrincipal AccountUser user, @PathVariable String bankId,
			@RequestParam(required = false) String category) {
		return this.repository.bankVisible(user.id(), bankId)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> BankUploads.notFound(bankId)))
			.flatMap((exists) -> this.repository
				.findCurrentQuestions(user.id(), bankId, (category != null) ? List.of(category) : List.of())
				.map((question) -> QuestionView.of(question, false))
				.collectList());
	}

	@GetMapping("/{bankId}/questions/{questionId}")
	Mono<QuestionView> question(@AuthenticationPrincipal AccountUser user, @PathVariable String bankId,
			@PathVariable String questionId) {
		UUID id;
		try {
			id = UUID.fromString(questionId);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(questionNotFound(bankId, questionId));
		}
		return this.repository.bankVisible(user.id(), bankId)
			.filter(Boolean::booleanValue)
			.flatMap((visible) -> this.repository.findQuestion(id))
			.filter((stored) -> stored.question().bankId().equals(bankId))
			.map((stored) -> QuestionView.of(stored.question(), stored.retired()))
			.switchIfEmpty(Mono.error(() -> questionNotFound(bankId, questionId)));
	}

	private static ApiProblem questionNotFound(String bankId, String questionId) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "bank.question-not-found", questionId, bankId);
	}

	/**
	 * A question as a candidate may see it before answering: no reference answer, no key points.
	 *
	 * @param id the question id
	 * @param bankId its bank
	 * @param category its category
	 * @param position its order in the bank, from 1
	 * @param text the question
	 * @param difficulty {@code easy}, {@code medium}, {@code hard}, or null
	 * @param tags its tags
	 * @param retired whether its file no longer has it (only ever true when asked for by id)
	 */
	record QuestionView(UUID id, String bankId, String category, int position, String text, String difficulty,
			List<String> tags, boolean retired) {

		static QuestionView of(Question question, boolean retired) {
			return new QuestionView(question.id(), question.bankId(), question.category(), question.position(),
					question.text(), question.difficulty(), question.tags(), retired);
		}

	}

}
