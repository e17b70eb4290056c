package dev.rehearse.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.examiner.Examiner;
import dev.rehearse.examiner.ExaminerInfo;
import dev.rehearse.examiner.GradingEvent;
import dev.rehearse.examiner.GradingFailedException;
import dev.rehearse.examiner.GradingRequest;
import dev.rehearse.examiner.QuestionContext;
import dev.rehearse.examiner.Verdict;

/**
 * A test examiner: a key point counts as covered when the answer contains its words; feedback is
 * streamed word by word with an optional delay; gradings can be made to fail.
 */
public class ScriptedExaminer implements Examiner {

	private final AtomicInteger failures = new AtomicInteger();

	private volatile Duration delay = Duration.ZERO;

	/** The next {@code count} gradings fail. */
	public void failNext(int count) {
		this.failures.set(count);
	}

	public void delayEachDelta(Duration delay) {
		this.delay = delay;
	}

	@Override
	public Flux<GradingEvent> grade(GradingRequest request) {
		if (this.failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return Flux.<GradingEvent>just(new GradingEvent.Feedback("Looking "))
				.concatWith(Flux.error(new GradingFailedException("The model is unavailable.", null)));
		}
		String answer = request.answer().toLowerCase(Locale.ROOT);
		List<Verdict.KeyPointResult> points = new ArrayList<>();
		int covered = 0;
		for (String point : request.question().keyPoints()) {
			boolean hit = List.of(point.toLowerCase(Locale.ROOT).split("\\W+"))
				.stream()
				.filter((word) -> word.length() > 4)
				.anyMatch(answer::contains);
			covered += hit ? 1 : 0;
			points.add(new Verdict.KeyPointResult(point, hit ? Verdict.Coverage.COVERED : Verdict.Coverage.MISSED,
					hit ? point : ""));
		}
		double score = points.isEmpty() ? 5 : Math.round(10.0 * covered / points.size());
		Verdict verdict = new Verdict(score, points, (covered > 0) ? List.of("Covered " + covered + " key points") : List.of(),
				(covered < points.size()) ? List.of("Mention every key point") : List.of(),
				new Verdict.Provenance("offline", "local", "scripted", "test-1", false));
		Flux<GradingEvent> feedback = Flux.fromArray(("You covered " + covered + " of " + points.size() + " key points.")
			.split("(?<= )"))
			.map(GradingEvent.Feedback::new);
		if (!this.delay.isZero()) {
			feedback = feedback.delayElements(this.delay);
		}
		return feedback.concatWith(Mono.just(new GradingEvent.Graded(verdict)));
	}

	@Override
	public Mono<String> spokenQuestion(QuestionContext question) {
		return Mono.just("Let's talk about this: " + question.question());
	}

	@Override
	public Mono<String> followUp(GradingRequest request, Verdict verdict) {
		return Mono.just("You did not mention: " + verdict.keyPoints(Verdict.Coverage.MISSED).get(0).point()
				+ ". Can you say more about it?");
	}

	@Override
	public ExaminerInfo info() {
		return new ExaminerInfo("offline", "local", "scripted examiner");
	}

}
