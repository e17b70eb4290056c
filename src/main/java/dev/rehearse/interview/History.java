package dev.rehearse.interview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.rehearse.examiner.Verdict;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A candidate's record across interviews: scores per question (for weak-spot interviews) and the
 * progress over time.
 */
@Component
class History {

	private final DatabaseClient database;

	private final InterviewRows rows;

	History(DatabaseClient database, InterviewRows rows) {
		this.database = database;
		this.rows = rows;
	}

	/**
	 * The user's mean score per question of a bank (planned questions only), lowest first.
	 */
	Flux<QuestionScore> scoresByQuestion(long userId, String bankId) {
		return this.database.sql("""
				select t.question_id, avg(t.score) as average from turn t join interview i on i.id = t.interview_id
				where i.user_id = :user and i.bank_id = :bank and t.kind = :question and t.status = :graded
				group by t.question_id order by average, max(t.graded_at) desc""")
			.bind("user", userId)
			.bind("bank", bankId)
			.bind("question", TurnKind.QUESTION.name())
			.bind("graded", TurnStatus.GRADED.name())
			.map((row) -> new QuestionScore(row.get("question_id", UUID.class),
					row.get("average", Double.class)))
			.all();
	}

	/**
	 * @param questionId a bank question
	 * @param average the mean score, 0–10
	 */
	record QuestionScore(UUID questionId, double average) {
	}

	/** All graded answers of a user, oldest first, for the progress charts. */
	Flux<GradedAnswer> gradedAnswers(long userId) {
		return this.database.sql("""
				select i.bank_id, t.category, t.score, t.graded_at from turn t join interview i on i.id = t.interview_id
				where i.user_id = :user and t.status = :graded order by t.graded_at""")
			.bind("user", userId)
			.bind("graded", TurnStatus.GRADED.name())
			.map((row) -> new GradedAnswer(row.get("bank_id", String.class), row.get("category", String.class),
					row.get("score", Double.class), InterviewRows.instant(row, "graded_at")))
			.all();
	}

	/**
	 * @param bankId the bank
	 * @param category the category
	 * @param score 0–10
	 * @param at when it was graded
	 */
	record GradedAnswer(String bankId, String category, double score, Instant at) {
	}

	/** The user's ended interviews that have an overall score, oldest first. */
	Flux<InterviewViews.OverallPoint> endedWithScore(long userId) {
		return this.database.sql("""
				select id, finished_at, coalesce(report ->> 'overall', report ->> 'overallScore')::int as overall from interview
				where user_id = :user and finished_at is not null
				  and coalesce(report ->> 'overall', report ->> 'overallScore') is not null
				order by finished_at""")
			.bind("user", userId)
			.map((row) -> new InterviewViews.OverallPoint(row.get("id", UUID.class), InterviewRows.instant(row, "finished_at"),
					row.get("overall", Integer.class)))
			.all();
	}

	/** Scores over time: per bank and category, and each ended interview's overall score. */
	Mono<InterviewViews.Progress> progress(long userId) {
		Mono<List<InterviewViews.CategoryProgress>> categories = gradedAnswers(userId).collectList().map((answers) -> {
			Map<List<String>, List<GradedAnswer>> grouped = new LinkedHashMap<>();
			answers.forEach((a) -> grouped.computeIfAbsent(List.of(a.bankId(), a.category()), (k) -> new ArrayList<>())
				.add(a));
			return grouped.entrySet().stream().map((entry) -> {
				List<GradedAnswer> list = entry.getValue();
				double average = list.stream().mapToDouble(GradedAnswer::score).average().orElse(0);
				return new InterviewViews.CategoryProgress(entry.getKey().get(0), entry.getKey().get(1),
						Math.round(average * 10) / 10.0, list.size(),
						list.stream().map((a) -> new InterviewViews.Point(a.at(), a.score())).toList());
			}).toList();
		});
		return Mono.zip(categories, endedWithScore(userId).collectList(), InterviewViews.Progress::new);
	}

}
