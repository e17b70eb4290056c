package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.examiner.AnswerScreen.Reason;
import dev.rehearse.examiner.GradingEvent.Feedback;
import dev.rehearse.examiner.GradingEvent.Graded;
import dev.rehearse.questionbank.KeyPoint;

/**
 * Stands in front of any examiner: refuses an over-long answer before anything else happens
 * ({@link AnswerTooLongException}, thrown when {@link #grade} is called so the caller can answer
 * 413 before it starts a stream), and grades empty, "I don't know" and off-topic answers itself
 * with templated feedback and a score of 0 (1 for an off-topic attempt) — no model call spent.
 */
final class ScreenedExaminer implements Examiner {

	static final String SCREENING_VERSION = "screening-v1";

	private final Examiner delegate;

	private final int maxAnswerChars;

	ScreenedExaminer(Examiner delegate, int maxAnswerChars) {
		this.delegate = delegate;
		this.maxAnswerChars = maxAnswerChars;
	}

	@Override
	public Flux<GradingEvent> grade(GradingRequest request) {
		AnswerTooLongException.check(request.answer(), this.maxAnswerChars);
		Optional<Reason> reason = AnswerScreen.screen(request.question(), request.answer());
		if (reason.isEmpty()) {
			return this.delegate.grade(request);
		}
		return screened(request.question(), reason.get());
	}

	private Flux<GradingEvent> screened(QuestionContext question, Reason reason) {
		boolean zh = SpokenTemplates.chinese(question.language());
		List<Verdict.KeyPointResult> missed = question.keyPoints()
			.stream()
			.map((point) -> new Verdict.KeyPointResult(point, Verdict.Coverage.MISSED, ""))
			.toList();
		ExaminerInfo info = this.delegate.info();
		Verdict verdict = new Verdict((reason == Reason.OFF_TOPIC) ? 1 : 0, missed, List.of(),
				List.of(improvement(reason, zh)),
				new Verdict.Provenance(info.kind(), "local", "answer screening", SCREENING_VERSION, false));
		List<GradingEvent> events = new ArrayList<>();
		for (String sentence : feedback(question, reason, zh)) {
			events.add(new Feedback(sentence));
		}
		events.add(new Graded(verdict));
		return Flux.fromIterable(events);
	}

	private static List<String> feedback(QuestionContext question, Reason reason, boolean zh) {
		List<String> sentences = new ArrayList<>();
		if (zh) {
			sentences.add(switch (reason) {
				case EMPTY -> "没有收到回答内容，这道题记 0 分。";
				case DONT_KNOW -> "没关系，坦白说不会比硬编要好。这道题记 0 分。";
				case OFF_TOPIC -> "这个回答和题目没有交集，看起来说的是别的内容，这道题记 1 分。";
			});
			if (!question.keyPoints().isEmpty()) {
				sentences.add("这道题的要点是：" + String.join("；", titles(question)) + "。");
				sentences.add("可以先对照参考答案理解这些要点，再用自己的话讲一遍。");
			}
		}
		else {
			sentences.add(switch (reason) {
				case EMPTY -> "No answer came through, so this one scores 0.";
				case DONT_KNOW -> "No problem: saying you don't know beats bluffing. This one scores 0.";
				case OFF_TOPIC -> "This answer shares nothing with the question; it seems to be about something else. It scores 1.";
			});
			if (!question.keyPoints().isEmpty()) {
				sentences.add(" The key points are: " + String.join("; ", titles(question)) + ".");
				sentences.add(" Go through the reference answer, then try explaining them in your own words.");
			}
		}
		return sentences;
	}

	private static List<String> titles(QuestionContext question) {
		return question.keyPoints().stream().map(KeyPoint::title).toList();
	}

	private static String improvement(Reason reason, boolean zh) {
		return switch (reason) {
			case EMPTY, DONT_KNOW -> zh ? "先掌握这道题的基本要点" : "Learn the basic points of this question";
			case OFF_TOPIC -> zh ? "先确认题目问的是什么，再围绕它作答" : "Make sure the answer addresses what the question asks";
		};
	}

	@Override
	public Mono<String> spokenQuestion(QuestionContext question) {
		return this.delegate.spokenQuestion(question);
	}

	@Override
	public Mono<String> followUp(GradingRequest request, Verdict verdict) {
		return this.delegate.followUp(request, verdict);
	}

	@Override
	public ExaminerInfo info() {
		return this.delegate.info();
	}

}
