package dev.rehearse.tailoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.rehearse.questionbank.Question;
import dev.rehearse.questionbank.QuestionCatalog;
import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Plans an interview tailored to a job. With a chat model the model chooses among the bank
 * questions closest to the job and writes new ones ({@link LlmPlanner}); with a resume the
 * interview opens with a self-introduction and ends with a project deep-dive. Without a model, or
 * when the model fails or sends no usable plan, the bank questions are ranked by similarity to
 * the job description ({@link OfflineRanking}) and the plan says so.
 */
@Component
public class InterviewPlanner {

	private static final Logger logger = LoggerFactory.getLogger(InterviewPlanner.class);

	private final CandidateQuestions candidates;

	private final OfflineRanking ranking;

	private final LlmPlanner llm;

	private final QuestionCatalog catalog;

	private final TailoringProperties properties;

	InterviewPlanner(CandidateQuestions candidates, OfflineRanking ranking, LlmPlanner llm, QuestionCatalog catalog,
			TailoringProperties properties) {
		this.candidates = candidates;
		this.ranking = ranking;
		this.llm = llm;
		this.catalog = catalog;
		this.properties = properties;
	}

	/**
	 * The candidate's texts, checked against the limits (413 past them); {@link JobProfile#isEmpty()
	 * empty} when neither was given.
	 */
	public JobProfile accept(String jobDescription, String resume) {
		JobProfile job = new JobProfile(jobDescription, resume);
		check("jobDescription", job.jobDescription(), this.properties.maxJobDescriptionChars());
		check("resume", job.resume(), this.properties.maxResumeChars());
		return job;
	}

	private static void check(String field, String text, int limit) {
		int length = text.codePointCount(0, text.length());
		if (length > limit) {
			throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "tailoring.too-long", field, length, limit);
		}
	}

	/**
	 * The plan of up to {@code count} questions for {@code job}, from the bank {@code bankId} or,
	 * when it is null, from every bank the user can see. Fails with 400 when there is no bank
	 * question to plan from.
	 */
	public Mono<TailoredPlan> plan(long userId, JobProfile job, String bankId, List<String> categories, int count) {
		return this.candidates.find(userId, bankId, categories, job.language()).flatMap((available) -> {
			if (available.isEmpty()) {
				return Mono.error(categories.isEmpty() ? ApiProblem.invalid("bankId", "interview.no-questions-in-bank")
						: ApiProblem.invalid("categories", "interview.no-questions-in-categories",
								String.join(", ", categories)));
			}
			String language = (bankId != null) ? available.get(0).language() : job.language();
			return this.ranking.rank(job.rankingText(), available).flatMap((ranked) -> {
				if (!this.llm.available()) {
					return offline(userId, ranked, count, bankId,
							"Bank questions ranked by similarity to the job description with the local embedding "
									+ "models (no model is configured); no questions were written.",
							null);
				}
				return byModel(userId, job, ranked, count, bankId, language).onErrorResume((ex) -> {
					boolean malformed = ex instanceof MalformedPlanException;
					// never the texts: the exception's type (and for a malformed plan, what was wrong) only
					logger.warn("Interview plan by the model not used ({}): {}", ex.getClass().getSimpleName(),
							malformed ? ex.getMessage() : "model call failed");
					return offline(userId, ranked, count, bankId, malformed
							? "The model's plan could not be used (it was not a valid plan), so bank questions were "
									+ "ranked by similarity to the job description instead; no questions were written."
							: "The model could not be reached to plan the interview, so bank questions were ranked by "
									+ "similarity to the job description instead; no questions were written.",
							malformed ? "malformed-plan" : "model-failed");
				});
			});
		});
	}

	private Mono<TailoredPlan> byModel(long userId, JobProfile job, List<Question> ranked, int count, String bankId,
			String language) {
		boolean introduce = job.hasResume() && count >= 2;
		int slots = introduce ? count - 1 : count;
		int writtenCount = Math.min(this.properties.maxGeneratedQuestions(), slots);
		List<Question> offered = ranked.subList(0, Math.min(this.properties.candidateQuestions(), ranked.size()));
		return this.llm.plan(job, offered, slots, writtenCount, language).flatMap((model) -> {
			List<PlannedQuestion> technical = new ArrayList<>();
			List<PlannedQuestion> project = new ArrayList<>();
			for (ModelPlan.Written written : model.written()) {
				Question question = new Question(UUID.randomUUID(), PlannedQuestion.WRITTEN_BANK, written.category(), 0,
						written.text(), written.referenceAnswer(), written.keyPoints(), language, null, List.of());
				(Plan.PROJECT.equals(written.phase()) ? project : technical)
					.add(new PlannedQuestion(question, PlannedQuestion.GENERATED, written.phase()));
			}
			int bankRoom = Math.max(0, slots - technical.size() - project.size());
			List<PlannedQuestion> questions = new ArrayList<>();
			if (introduce) {
				questions.add(SelfIntroduction.question(language));
			}
			model.bankPicks()
				.stream()
				.limit(bankRoom)
				.forEach((index) -> questions.add(new PlannedQuestion(offered.get(index), PlannedQuestion.BANK,
						Plan.TECHNICAL)));
			questions.addAll(technical);
			questions.addAll(project);
			Set<String> phases = new LinkedHashSet<>();
			questions.forEach((question) -> phases.add(question.phase()));
			long bankCount = questions.stream().filter((question) -> !question.written()).count();
			String note = "Planned by the model for this job: " + bankCount + " bank question(s) chosen, "
					+ (technical.size() + project.size()) + " written for it (labelled generated)"
					+ (introduce ? ", after a self-introduction graded on structure and delivery." : ".");
			return filed(userId, new Plan(Plan.LLM, List.copyOf(phases), note, null), questions, bankId, ranked);
		});
	}

	private Mono<TailoredPlan> offline(long userId, List<Question> ranked, int count, String bankId, String note, String fallback) {
		List<PlannedQuestion> questions = ranked.stream()
			.limit(count)
			.map((question) -> new PlannedQuestion(question, PlannedQuestion.BANK, Plan.TECHNICAL))
			.toList();
		return filed(userId, new Plan(Plan.OFFLINE_RANKING, List.of(Plan.TECHNICAL), note, fallback), questions, bankId,
				ranked);
	}

	/**
	 * The plan with the bank it is filed under: the one asked for, else the bank most of its bank
	 * questions come from (the closest question's bank when it has none).
	 */
	private Mono<TailoredPlan> filed(long userId, Plan plan, List<PlannedQuestion> questions, String bankId, List<Question> ranked) {
		String bank = bankId;
		if (bank == null) {
			Map<String, Long> counts = questions.stream()
				.filter((question) -> !question.written())
				.collect(Collectors.groupingBy((question) -> question.question().bankId(), LinkedHashMap::new,
						Collectors.counting()));
			bank = counts.entrySet()
				.stream()
				.max(Map.Entry.comparingByValue())
				.map(Map.Entry::getKey)
				.orElse(ranked.get(0).bankId());
		}
		String filedUnder = bank;
		return this.catalog.bankTitle(userId, filedUnder)
			.defaultIfEmpty(filedUnder)
			.map((title) -> new TailoredPlan(plan, questions, filedUnder, title));
	}

}
