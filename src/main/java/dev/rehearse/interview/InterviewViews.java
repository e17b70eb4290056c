package dev.rehearse.interview;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;

/**
 * The JSON shapes of the interview API (see {@code docs/api.md}, whose field names are binding).
 */
final class InterviewViews {

	private InterviewViews() {
	}

	static String label(ExaminerInfo examiner) {
		if ("offline".equalsIgnoreCase(examiner.kind())) {
			return "Offline examiner";
		}
		return examiner.model() + " via " + examiner.provider();
	}

	static InterviewView interview(Interview interview, List<Turn> turns) {
		Turn current = (interview.status() == InterviewStatus.IN_PROGRESS && !turns.isEmpty())
				? turns.get(turns.size() - 1) : null;
		Report report = interview.report();
		int answered = (int) turns.stream().filter((turn) -> turn.status().answered()).count();
		Integer overall = (report != null) ? report.overallScore() : Reports.of(turns).overallScore();
		return new InterviewView(interview.id(), interview.bankId(), interview.bankTitle(), interview.language(),
				interview.status(), interview.mode(), interview.createdAt(), interview.finishedAt(),
				examiner(interview.examiner()), interview.questionIds().size(), (current != null) ? turn(current) : null,
				turns.stream().map(InterviewViews::turn).toList(), report, answered, overall);
	}

	static ExaminerView examiner(ExaminerInfo info) {
		return new ExaminerView(info.kind(), info.provider(), info.model(), label(info));
	}

	static TurnView turn(Turn turn) {
		boolean answered = turn.status().answered();
		AnswerView answer = (turn.answer() != null) ? new AnswerView(turn.answer().text(), turn.answer().inputMode(),
				turn.answer().durationSeconds(), turn.answer().answeredAt()) : null;
		return new TurnView(turn.id(), turn.position(), turn.questionId(), turn.category(), turn.kind(),
				turn.parentTurnId(), turn.spokenText(), turn.questionText(), turn.status(), answer, turn.feedback(),
				turn.verdict(), turn.delivery(), answered ? turn.referenceAnswer() : null,
				answered ? turn.keyPoints() : null, (turn.status() == TurnStatus.FAILED) ? turn.lastError() : null,
				turn.attempts());
	}

	static SummaryView summary(InterviewStore.Summary summary) {
		Interview interview = summary.interview();
		Integer overall = (interview.report() != null) ? interview.report().overallScore() : summary.liveScore();
		return new SummaryView(interview.id(), interview.bankId(), interview.bankTitle(), interview.status(),
				interview.mode(), interview.createdAt(), interview.finishedAt(), overall, summary.answered(),
				interview.questionIds().size());
	}

	/**
	 * An interview.
	 *
	 * @param id its id
	 * @param bankId the bank
	 * @param bankTitle the bank's title
	 * @param language the bank's language
	 * @param status {@code IN_PROGRESS}, {@code FINISHED} or {@code ABANDONED}
	 * @param mode {@code normal} or {@code weak-spots}
	 * @param createdAt when it began
	 * @param finishedAt when it ended
	 * @param examiner who grades
	 * @param questionCount main questions planned
	 * @param currentTurn the turn to answer (or regrade) now, null once ended
	 * @param turns all turns so far
	 * @param report the report once ended
	 * @param answered answers given
	 * @param overallScore 0–100 over the graded answers so far, or null
	 */
	record InterviewView(UUID id, String bankId, String bankTitle, String language, InterviewStatus status,
			String mode, Instant createdAt, Instant finishedAt, ExaminerView examiner, int questionCount,
			TurnView currentTurn, List<TurnView> turns, Report report, int answered, Integer overallScore) {
	}

	/**
	 * @param kind {@code llm} or {@code offline}
	 * @param provider the provider
	 * @param model the model
	 * @param label for display
	 */
	record ExaminerView(String kind, String provider, String model, String label) {
	}

	/**
	 * A turn.
	 *
	 * @param id its id
	 * @param index 1-based position
	 * @param questionId the bank question
	 * @param category its category
	 * @param kind {@code question} or {@code follow-up}
	 * @param parentTurnId the turn a follow-up follows up
	 * @param spokenText what the examiner says aloud
	 * @param questionText the question as in the bank
	 * @param status {@code ASKED}, {@code GRADING}, {@code GRADED} or {@code FAILED}
	 * @param answer the answer, once given
	 * @param feedback the examiner's feedback text
	 * @param verdict the verdict
	 * @param delivery delivery figures
	 * @param referenceAnswer the reference answer, only once answered
	 * @param keyPoints the key points, only once answered
	 * @param gradingError why grading failed, while {@code FAILED}
	 * @param attempts gradings started
	 */
	record TurnView(UUID id, int index, UUID questionId, String category, TurnKind kind, UUID parentTurnId,
			String spokenText, String questionText, TurnStatus status, AnswerView answer, String feedback,
			Verdict verdict, Delivery delivery, String referenceAnswer, List<KeyPoint> keyPoints, String gradingError,
			int attempts) {
	}

	/**
	 * @param text the answer
	 * @param inputMode {@code text} or {@code voice}
	 * @param durationSeconds how long it took, if known
	 * @param answeredAt when it was saved
	 */
	record AnswerView(String text, String inputMode, Double durationSeconds, Instant answeredAt) {
	}

	/**
	 * One line of the history.
	 *
	 * @param id the interview
	 * @param bankId its bank
	 * @param bankTitle the bank's title
	 * @param status its status
	 * @param mode its mode
	 * @param createdAt when it began
	 * @param finishedAt when it ended
	 * @param overallScore 0–100, or null when nothing is graded
	 * @param answered answers given
	 * @param questionCount main questions planned
	 */
	record SummaryView(UUID id, String bankId, String bankTitle, InterviewStatus status, String mode,
			Instant createdAt, Instant finishedAt, Integer overallScore, int answered, int questionCount) {
	}

	/**
	 * A page of history.
	 *
	 * @param items the interviews, newest first
	 * @param page the page, from 0
	 * @param size the page size
	 * @param total all of the user's interviews
	 */
	record Page(List<SummaryView> items, int page, int size, long total) {
	}

	/**
	 * Progress over time.
	 *
	 * @param categories per bank and category
	 * @param overall finished interviews' overall scores, oldest first
	 */
	record Progress(List<CategoryProgress> categories, List<OverallPoint> overall) {
	}

	/**
	 * @param bankId the bank
	 * @param category the category
	 * @param average mean score 0–10
	 * @param answers graded answers
	 * @param points each graded answer's score, oldest first
	 */
	record CategoryProgress(String bankId, String category, double average, int answers, List<Point> points) {
	}

	/**
	 * @param at when
	 * @param score 0–10
	 */
	record Point(Instant at, double score) {
	}

	/**
	 * @param interviewId the interview
	 * @param at when it ended
	 * @param overallScore 0–100
	 */
	record OverallPoint(UUID interviewId, Instant at, int overallScore) {
	}

}
