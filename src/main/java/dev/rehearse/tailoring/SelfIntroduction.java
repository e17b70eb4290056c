package dev.rehearse.tailoring;

import java.util.List;
import java.util.UUID;

import dev.rehearse.questionbank.KeyPoint;
import dev.rehearse.questionbank.Question;
import dev.rehearse.system.Language;

/**
 * The opening of an interview tailored to a resume: a short self-introduction. It has no model
 * answer to compare with; its reference describes what a good one does and its key points are
 * that structure (who you are, relevant experience with a result, skills that match the job, why
 * this role, concise and in order), so the examiner, offline or LLM, grades it the usual way
 * against its key points, i.e. on structure; the delivery figures of a spoken answer (pace,
 * pauses, fillers) come with its verdict as with every answer. The reference names what
 * self-introductions talk about (name, years, company, team, projects…): the answer screen calls
 * an answer off-topic when it shares no term with the question's material, and a candidate's
 * words about themselves must not look off-topic.
 */
final class SelfIntroduction {

	private SelfIntroduction() {
	}

	/** A new self-introduction question in {@code language}, written for one interview. */
	static PlannedQuestion question(String language) {
		boolean zh = Language.CHINESE.equals(language);
		Question question = zh ? new Question(UUID.randomUUID(), PlannedQuestion.WRITTEN_BANK, "自我介绍", 0,
				"请先简单做个自我介绍：你现在在做什么，做过哪些和这个岗位相关的事，为什么想来这个岗位？",
				"好的自我介绍控制在一到两分钟，结构清楚：先介绍自己（名字、现在的岗位或角色、工作年限、技术方向）；再讲一到两段与这个岗位最相关的工作或项目经历"
						+ "（在什么公司或团队、负责什么、用了哪些技术、做出了什么结果）；然后把自己的技能和岗位要求对应起来；最后用一句话说明为什么想加入这个团队、"
						+ "想要这个岗位。这道题不和标准答案比对，只看结构和表达：简洁、有条理、具体，说起来不拖沓。",
				List.of(new KeyPoint("当前角色", "说明自己现在的角色、经验和方向。"),
						new KeyPoint("相关经历", "讲一到两段与岗位相关的经历，并有具体成果。"),
						new KeyPoint("技能匹配", "把自己的技能和岗位要求对应起来。"),
						new KeyPoint("求职动机", "说明为什么想要这个岗位。"),
						new KeyPoint("简洁有条理", "一到两分钟内按顺序讲完，不跑题。")),
				Language.CHINESE, null, List.of())
				: new Question(UUID.randomUUID(), PlannedQuestion.WRITTEN_BANK, "Self-introduction", 0,
						"To start, please introduce yourself briefly: what you do now, what you have done that is relevant "
								+ "to this role, and why you want it.",
						"A strong self-introduction takes one to two minutes and has a clear structure: who the candidate "
								+ "is now (name, current role or title, years of experience, focus); the one or two pieces of "
								+ "work or project experience most relevant to this job (at which company or team, what they "
								+ "built or led, with which technologies, and the result); how their skills match what the job "
								+ "asks for; and one closing sentence on why they want to join and want this role. It is not "
								+ "compared with a model answer: only its structure and delivery count (concise, in order, "
								+ "specific, without rambling).",
						List.of(new KeyPoint("Current role", "Says who they are now: role, experience and focus."),
								new KeyPoint("Relevant experience",
										"Names one or two pieces of experience relevant to the job, with a concrete result."),
								new KeyPoint("Matching skills", "Connects their skills to what the job asks for."),
								new KeyPoint("Why this role", "Says why they want this role."),
								new KeyPoint("Concise and in order", "Finishes in one to two minutes, in a clear order.")),
						Language.ENGLISH, null, List.of());
		return new PlannedQuestion(question, PlannedQuestion.SELF_INTRODUCTION, Plan.SELF_INTRODUCTION);
	}

}
