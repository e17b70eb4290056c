package dev.rehearse.examiner;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A stand-in for the offline examiner in this feature's tests: always scores 4 and says who it
 * is, so a test can tell a fallback verdict from the model's.
 */
class TestOfflineExaminer implements Examiner {

	static final String FEEDBACK = "Offline feedback.";

	int gradings;

	@Override
	public Flux<GradingEvent> grade(GradingRequest request) {
		return Flux.defer(() -> {
			this.gradings++;
			var missed = request.question()
				.keyPoints()
				.stream()
				.map((point) -> new Verdict.KeyPointResult(point, Verdict.Coverage.MISSED, ""))
				.toList();
			return Flux.just(new GradingEvent.Feedback(FEEDBACK), new GradingEvent.Graded(new Verdict(4, missed,
					java.util.List.of(), java.util.List.of(),
					new Verdict.Provenance("offline", "local", "test offline", "offline-test", false))));
		});
	}

	@Override
	public Mono<String> spokenQuestion(QuestionContext question) {
		return Mono.just(SpokenTemplates.spokenQuestion(question));
	}

	@Override
	public Mono<String> followUp(GradingRequest request, Verdict verdict) {
		return Mono.just(SpokenTemplates.followUp(request.question(), verdict));
	}

	@Override
	public ExaminerInfo info() {
		return new ExaminerInfo("offline", "local", "offline examiner");
	}

}
