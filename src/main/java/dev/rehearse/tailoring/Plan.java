package dev.rehearse.tailoring;

import java.util.List;

/**
 * How an interview was planned, as stored with it and shown by the API.
 *
 * @param method {@code llm} (the model chose and wrote questions), {@code offline-ranking} (bank
 * questions ranked by similarity to the job description) or {@code bank} (not tailored)
 * @param phases the interview's phases in order ({@code self-introduction}, {@code technical},
 * {@code project}); empty when not tailored
 * @param note what the candidate should know about the plan, in English, or null
 * @param fallback why the model's plan was not used ({@code model-failed}, {@code malformed-plan}),
 * or null
 */
public record Plan(String method, List<String> phases, String note, String fallback) {

	public static final String LLM = "llm";

	public static final String OFFLINE_RANKING = "offline-ranking";

	public static final String BANK = "bank";

	static final String SELF_INTRODUCTION = "self-introduction";

	static final String TECHNICAL = "technical";

	static final String PROJECT = "project";

	public Plan {
		phases = (phases != null) ? List.copyOf(phases) : List.of();
	}

	/** The plan of an interview that was not tailored. */
	public static Plan bank() {
		return new Plan(BANK, List.of(), null, null);
	}

}
