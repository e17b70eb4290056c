package dev.rehearse.review;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import dev.rehearse.account.AccountUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The spaced-review API: what is due now, and each question's mastery. See {@code docs/api.md}. */
@RestController
@Tag(name = "Review")
class ReviewController {

	private final Reviews reviews;

	ReviewController(Reviews reviews) {
		this.reviews = reviews;
	}

	@GetMapping("/api/review/due")
	@Operation(summary = "Own questions due for review, most overdue first",
			description = "{count, questions: [{bankId, bankTitle, questionId, title, category, lastScore, "
					+ "repetitions, ease, intervalDays, reviews, lastReviewedAt, dueAt}], nextDueAt}; bankId narrows "
					+ "it to one bank. Start them with POST /api/interviews {mode: \"review\"}.")
	Mono<Due> due(@AuthenticationPrincipal AccountUser user, @RequestParam(required = false) String bankId) {
		return this.reviews.agenda(user.id(), bankId, Instant.now())
			.map((agenda) -> new Due(agenda.due().size(), agenda.due(), agenda.nextDueAt()));
	}

	@GetMapping("/api/review/mastery")
	@Operation(summary = "Every question the candidate was graded on, with its SM-2 schedule, soonest due first")
	Mono<MasteryView> mastery(@AuthenticationPrincipal AccountUser user) {
		return this.reviews.mastery(user.id()).map(MasteryView::new);
	}

	/**
	 * @param count questions due now
	 * @param questions those questions, most overdue first
	 * @param nextDueAt when the next question not yet due becomes due, or null
	 */
	record Due(int count, List<Reviews.Mastery> questions, Instant nextDueAt) {
	}

	/** @param questions every question graded, soonest due first */
	record MasteryView(List<Reviews.Mastery> questions) {
	}

}
