package dev.rehearse.examiner;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The one {@link Examiner} the rest of Rehearse uses: the LLM examiner when a chat model is
 * configured ({@code spring.ai.model.chat=openai|ollama}), with the offline examiner as its
 * fallback, else the offline examiner itself; either way behind the answer screening. Each
 * provider's own configuration (how its failures are read) is its {@code *Provider} class.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExaminerProperties.class)
@Import({ OpenAiProvider.class, OllamaProvider.class })
class ExaminerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ExaminerConfiguration.class);

	@Bean
	@Primary
	Examiner examiner(ObjectProvider<ChatModel> chatModels, @Qualifier("offlineExaminer") Examiner offlineExaminer,
			ExaminerProperties properties, ObjectProvider<ModelFailureRules> failureRules) {
		// ChatModel, not ChatClient.Builder: the builder bean exists even with no model and fails when used.
		ChatModel model = chatModels.getIfUnique();
		Examiner examiner;
		if (model == null) {
			examiner = offlineExaminer;
		}
		else {
			ExaminerInfo info = info(model);
			examiner = new LlmExaminer(model, info, properties,
					new PromptTemplates(properties.promptVersion()), offlineExaminer,
					failureRules.getIfUnique(() -> ModelFailureRules.NONE));
		}
		logger.info("Examiner: {} (on failure: {}, answers up to {} characters)", label(examiner.info()),
				properties.onFailure().name().toLowerCase(Locale.ROOT), properties.maxAnswerChars());
		return new ScreenedExaminer(examiner, properties.maxAnswerChars());
	}

	static ExaminerInfo info(ChatModel model) {
		String type = model.getClass().getSimpleName().toLowerCase(Locale.ROOT);
		String provider = type.contains("ollama") ? "ollama" : type.contains("openai") ? "openai"
				: type.replace("chatmodel", "");
		String name = (model.getDefaultOptions() != null) ? model.getDefaultOptions().getModel() : null;
		return new ExaminerInfo("llm", provider, (name != null && !name.isBlank()) ? name : "default model");
	}

	/** How the examiner is named in the UI: "Offline examiner" or "deepseek-chat via openai". */
	static String label(ExaminerInfo info) {
		if ("offline".equals(info.kind())) {
			return "Offline examiner";
		}
		return info.model() + " via " + info.provider();
	}

}
