package dev.rehearse.tailoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.rehearse.questionbank.Question;
import dev.rehearse.system.Language;
import dev.rehearse.system.Placeholders;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Asks the configured chat model for an interview plan: which bank questions fit the job, and new
 * questions with reference answers and key points. The job description and resume go into the
 * prompt between fence lines carrying a random nonce, declared as data ({@code <<<} in them is
 * defused, so they cannot close a fence). The reply is streamed and gathered, so waiting for it
 * holds no thread.
 */
@Component
class LlmPlanner {

	private static final SecureRandom random = new SecureRandom();

	private final ChatModel model;

	private final TailoringProperties properties;

	private final String system;

	private final String user;

	LlmPlanner(ObjectProvider<ChatModel> models, TailoringProperties properties) {
		// ChatModel, not ChatClient.Builder: the builder bean exists even with no model and fails when used.
		this.model = models.getIfUnique();
		this.properties = properties;
		this.system = template("system");
		this.user = template("user");
	}

	/** Whether a model is configured at all. */
	boolean available() {
		return this.model != null;
	}

	/**
	 * The model's plan over {@code candidates} (offered as B1, B2, …): up to {@code bankCount}
	 * picks and up to {@code writtenCount} written questions in {@code language}. Fails with
	 * {@link MalformedPlanException} when the reply holds no usable plan, or with the model's own
	 * failure or a timeout.
	 */
	Mono<ModelPlan> plan(JobProfile job, List<Question> candidates, int bankCount, int writtenCount, String language) {
		Map<String, String> values = values(job, candidates, bankCount, writtenCount, language);
		String systemText = Placeholders.fill(this.system, values);
		String userText = Placeholders.fill(this.user, values);
		// The model itself, as the examiner calls it: a ChatClient made without the registry put a no-op
		// observation in the context, and the model call then began a trace of its own.
		return Mono.defer(() -> this.model.stream(new Prompt(List.of(new SystemMessage(systemText), new UserMessage(userText))))
			.map(LlmPlanner::text)
			.reduce(new StringBuilder(), StringBuilder::append)
			.map(StringBuilder::toString))
			.timeout(this.properties.planTimeout())
			.map((reply) -> PlanParser.parse(reply, candidates.size(), writtenCount));
	}

	private static String text(ChatResponse response) {
		Generation result = response.getResult();
		String text = (result != null && result.getOutput() != null) ? result.getOutput().getText() : null;
		return (text != null) ? text : "";
	}

	static Map<String, String> values(JobProfile job, List<Question> candidates, int bankCount, int writtenCount,
			String language) {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		String nonce = HexFormat.of().formatHex(bytes);
		StringBuilder bank = new StringBuilder();
		for (int i = 0; i < candidates.size(); i++) {
			Question question = candidates.get(i);
			bank.append('B').append(i + 1).append(" [").append(oneLine(question.category())).append("] ")
				.append(oneLine(question.text())).append('\n');
		}
		String projectRule = job.hasResume()
				? "With a resume: make at least one of your new questions a \"project\" question, a deep dive into one "
						+ "project the resume names (what the candidate built, the decisions and trade-offs they made, what "
						+ "they would do differently). Your other new questions are \"technical\"."
				: "There is no resume: every new question is \"technical\".";
		return Map.ofEntries(Map.entry("bankCount", Integer.toString(bankCount)),
				Map.entry("writtenCount", Integer.toString(writtenCount)), Map.entry("projectRule", projectRule),
				Map.entry("languageName", Language.CHINESE.equals(language) ? "Chinese (简体中文)" : "English"),
				Map.entry("jobStart", "<<<JOB " + nonce + ">>>"), Map.entry("jobEnd", "<<<END JOB " + nonce + ">>>"),
				Map.entry("resumeStart", "<<<RESUME " + nonce + ">>>"),
				Map.entry("resumeEnd", "<<<END RESUME " + nonce + ">>>"),
				Map.entry("jobDescription", defused(job.jobDescription().isEmpty() ? "(none)" : job.jobDescription())),
				Map.entry("resume", defused(job.hasResume() ? job.resume() : "(none)")),
				Map.entry("bankQuestions", (bank.length() > 0) ? bank.toString().strip() : "(none)"));
	}

	/** The candidate's text with every {@code <<<} defused: it can neither close nor forge a fence. */
	static String defused(String text) {
		return text.replace("<<<", "‹‹‹");
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	private static String template(String role) {
		String path = "prompts/tailoring-plan-v1-" + role + ".st";
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No prompt template " + path, ex);
		}
	}

}
