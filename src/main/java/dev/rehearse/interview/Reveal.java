package dev.rehearse.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.rehearse.examiner.Verdict;
import dev.rehearse.questionbank.KeyPoint;

/**
 * What a candidate may see of a graded question while its follow-up is still open: the follow-up
 * asks about a missed point, so the reference answer and the details of every point not covered
 * stay hidden (titles stay) until the follow-up is answered or skipped, or the interview ends.
 */
final class Reveal {

	/** Shorter details are single words, which would also be scrubbed out of unrelated text. */
	private static final int MIN_SCRUBBED_CHARS = 4;

	private Reveal() {
	}

	/** The question turns whose follow-up is open right now: their details are hidden. */
	static Set<UUID> hiddenTurns(Interview interview, List<Turn> turns) {
		if (interview.status() != InterviewStatus.IN_PROGRESS) {
			return Set.of();
		}
		return turns.stream()
			.filter((turn) -> turn.kind() == TurnKind.FOLLOW_UP && turn.status() == TurnStatus.ASKED
					&& turn.parentTurnId() != null)
			.map(Turn::parentTurnId)
			.collect(Collectors.toSet());
	}

	/** The verdict with the detail of every point not covered emptied, and out of its other texts. */
	static Verdict verdict(Verdict verdict, List<KeyPoint> questionPoints) {
		if (verdict == null) {
			return null;
		}
		List<KeyPoint> hidden = hiddenPoints(verdict, questionPoints);
		List<Verdict.KeyPointResult> points = verdict.keyPoints()
			.stream()
			.map((point) -> (point.coverage() == Verdict.Coverage.COVERED) ? point
					: new Verdict.KeyPointResult(point.title(), "", point.coverage(), point.evidence()))
			.toList();
		return new Verdict(verdict.score(), points, scrub(verdict.strengths(), hidden),
				scrub(verdict.improvements(), hidden), verdict.provenance(), scrub(verdict.summary(), hidden));
	}

	/** The question's key points with the detail of every point the verdict did not find covered emptied. */
	static List<KeyPoint> keyPoints(List<KeyPoint> points, Verdict verdict) {
		if (points == null) {
			return null;
		}
		Set<String> covered = covered(verdict);
		return points.stream()
			.map((point) -> covered.contains(point.title()) ? point : new KeyPoint(point.title(), ""))
			.toList();
	}

	/** Text the examiner wrote (feedback), with any hidden detail replaced by its title. */
	static String text(String text, Verdict verdict, List<KeyPoint> questionPoints) {
		return (text == null || verdict == null) ? text : scrub(text, hiddenPoints(verdict, questionPoints));
	}

	private static List<KeyPoint> hiddenPoints(Verdict verdict, List<KeyPoint> questionPoints) {
		Set<String> covered = covered(verdict);
		List<KeyPoint> hidden = new ArrayList<>();
		verdict.keyPoints()
			.stream()
			.filter((point) -> point.coverage() != Verdict.Coverage.COVERED)
			.forEach((point) -> hidden.add(point.keyPoint()));
		if (questionPoints != null) {
			questionPoints.stream().filter((point) -> !covered.contains(point.title())).forEach(hidden::add);
		}
		return hidden;
	}

	private static Set<String> covered(Verdict verdict) {
		if (verdict == null) {
			return Set.of();
		}
		return verdict.keyPoints(Verdict.Coverage.COVERED)
			.stream()
			.map(Verdict.KeyPointResult::title)
			.collect(Collectors.toSet());
	}

	private static List<String> scrub(List<String> texts, List<KeyPoint> hidden) {
		return texts.stream().map((text) -> scrub(text, hidden)).toList();
	}

	private static String scrub(String text, List<KeyPoint> hidden) {
		String scrubbed = text;
		for (KeyPoint point : hidden) {
			if (point.detail().length() >= MIN_SCRUBBED_CHARS) {
				// "title: detail" as a whole first, so the title is not left doubled
				scrubbed = scrubbed.replace(point.text(), point.title()).replace(point.detail(), point.title());
			}
		}
		return scrubbed;
	}

}
