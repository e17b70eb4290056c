package dev.rehearse.interview;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.tailoring.Plan;
import dev.rehearse.tailoring.Tailoring;

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

	/** The interview with its transcript; {@code tailoring} is null when it was not tailored. */
	static InterviewView interview(Interview interview, List<Turn> turns, Tailoring tailoring) {
		Turn current = (interview.status() == InterviewStatus.IN_PROGRESS && !turns.isEmpty())
				? turns.get(turns.size() - 1) : null;
		Report report = (interview.report() != null) ? Reports.current(interview, turns) : null;
		int answered = (int) turns.stream().filter((turn) -> turn.status().answered()).count();
		Integer overall = (report != null) ? report.overall() : Reports.of(interview, turns).overall();
		Set<UUID> hidden = Reveal.hiddenTurns(interview, turns);
		return new InterviewView(interview.id(), interview.bankId(), interview.bankTitle(), interview.language(),
				interview.status(), interview.mode(), interview.createdAt(), interview.finishedAt(),
				examiner(interview.examiner()), interview.questionIds().size(),
				(current != null) ? turn(current, hidden.contains(current.id())) : null,
				turns.stream().map((turn) -> turn(turn, hidden.contains(turn.id()))).toList(), report, answered,
				overall, (tailoring != null) ? tailoring.plan() : Plan.bank(),
				(tailoring != null) ? tailoring.jobDescription() : null, (tailoring != null) ? tailoring.resume() : null,
				interview.style().id());
	}

	static ExaminerView examiner(ExaminerInfo info) {
		return new ExaminerView(info.kind(), info.provider(), info.model(), label(info));
	}

	/** A turn as the candidate may see it now; nothing of it is hidden. */
	static TurnView turn(Turn turn) {
		return turn(turn, false);
	}

	/**
	 * A turn as the candidate may see it now. The reference answer and key points appear once it
	 * is answered (or skipped); while {@code followUpOpen}, only the titles of the points not
	 * covered and no reference answer.
	 */
	static TurnView turn(Turn turn, boolean followUpOpen) {
		boolean revealed = turn.status().closed() && !followUpOpen;
		AnswerView answer = (turn.answer() != null) ? new AnswerView(turn.answer().text(), turn.answer().inputMode(),
				turn.answer().durationSeconds(), turn.answer().answeredAt()) : null;
		List<KeyPoint> keyPoints = null;
		if (revealed) {
			keyPoints = turn.keyPoints();
		}
		else if (followUpOpen) {
			keyPoints = Reveal.keyPoints(turn.keyPoints(), turn.verdict());
		}
		return new TurnView(turn.id(), turn.position(), turn.questionId(), turn.category(), turn.kind(),
				turn.parentTurnId(), turn.spokenText(), turn.questionText(), turn.status(), answer,
				followUpOpen ? Reveal.text(turn.feedback(), turn.verdict(), turn.keyPoints()) : turn.feedback(),
				followUpOpen ? Reveal.verdict(turn.verdict(), turn.keyPoints()) : turn.verdict(), turn.delivery(),
				revealed ? turn.referenceAnswer() : null, keyPoints,
				(turn.status() == TurnStatus.FAILED) ? turn.lastError() : null, turn.attempts(), revealed,
				turn.kind() == TurnKind.FOLLOW_UP && turn.status() == TurnStatus.ASKED, turn.origin());
	}

	static SummaryView summary(InterviewStore.Summary summary) {
		Interview interview = summary.interview();
		Integer overall = (interview.report() != null) ? interview.report().overall() : summary.liveScore();
		return new SummaryView(interview.id(), interview.bankId(), interview.bankTitle(), interview.status(),
				interview.mode(), interview.createdAt(), interview.finishedAt(), overall, summary.answered(),
				interview.questionIds().size(), interview.style().id());
	}

	/**
	 * An interview.
	 *
	 * @param id its id
	 * @param bankId the bank
	 * @param bankTitle the bank's title
	 * @param language the bank's language
	 * @param status {@code IN_PROGRESS}, {@code FINISHED} or {@code ABANDONED}
	 * @param mode {@code normal}, {@code weak-spots} or {@code review}
	 * @param createdAt when it began
	 * @param finishedAt when it ended
	 * @param examiner who grades
	 * @param questionCount main questions planned
	 * @param currentTurn the turn to answer (or regrade) now, null once ended
	 * @param turns all turns so far
	 * @param report the report once ended
	 * @param answered answers given
	 * @param overallScore 0–100 over the graded answers so far, or null
	 * @param plan how the interview was planned ({@code method: bank} when it was not tailored)
	 * @param jobDescription the job description it was tailored to, or null
	 * @param resume the resume it was tailored to, or null
	 * @param style how the interviewer speaks: {@code friendly}, {@code neutral} or {@code strict}
	 */
	record InterviewView(UUID id, String bankId, String bankTitle, String language, InterviewStatus status,
			String mode, Instant createdAt, Instant finishedAt, ExaminerView examiner, int questionCount,
			TurnView currentTurn, List<TurnView> turns, Report report, int answered, Integer overallScore, Plan plan,
			String jobDescription, String resume, String style) {
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
	 * @param status {@code ASKED}, {@code GRADING}, {@code GRADED}, {@code FAILED} or {@code SKIPPED}
	 * @param answer the answer, once given
	 * @param feedback the examiner's feedback text
	 * @param verdict the verdict
	 * @param delivery delivery figures
	 * @param referenceAnswer the reference answer, only once answered or skipped and no follow-up on
	 * it is open
	 * @param keyPoints the key points, only once answered (while a follow-up is open: the details of
	 * points not covered are empty)
	 * @param gradingError why grading failed, while {@code FAILED}
	 * @param attempts gradings started
	 * @param revealed whether the reference answer and every key point's detail are shown
	 * @param skippable whether this is an open follow-up, which {@code …/skip} may skip
	 * @param origin {@code bank}, {@code generated} (written by the model for this interview; a bad one
	 * can be reported) or {@code self-introduction}
	 */
	record TurnView(UUID id, int index, UUID questionId, String category, TurnKind kind, UUID parentTurnId,
			String spokenText, String questionText, TurnStatus status, AnswerView answer, String feedback,
			Verdict verdict, Delivery delivery, String referenceAnswer, List<KeyPoint> keyPoints, String gradingError,
			int attempts, boolean revealed, boolean skippable, String origin) {
	}

	/**
	 * What {@code POST …/skip} answers.
	 *
	 * @param skipped the follow-up, now {@code SKIPPED}
	 * @param revealed the question it followed up, now shown whole
	 * @param next the next question, or null when the interview ended
	 * @param report the report, when the interview ended
	 */
	record SkipView(TurnView skipped, Revealed revealed, TurnView next, Report report) {
	}

	/**
	 * A question whose reference and key points may now be shown.
	 *
	 * @param turnId the question's turn
	 * @param referenceAnswer its reference answer
	 * @param keyPoints its key points, with their details
	 * @param verdict its verdict, whole
	 */
	record Revealed(UUID turnId, String referenceAnswer, List<KeyPoint> keyPoints, Verdict verdict) {
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
	 * @param style how the interviewer spoke: {@code friendly}, {@code neutral} or {@code strict}
	 */
	record SummaryView(UUID id, String bankId, String bankTitle, InterviewStatus status, String mode,
			Instant createdAt, Instant finishedAt, Integer overallScore, int answered, int questionCount, String style) {
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
