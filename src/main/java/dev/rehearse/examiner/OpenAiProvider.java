package dev.rehearse.examiner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAI-compatible provider ({@code spring.ai.model.chat=openai}: OpenAI, DeepSeek, Qwen,
 * vLLM, llama.cpp, LM Studio): what Rehearse adds to Spring AI's {@code spring.ai.openai.*}
 * configuration, starting with how its failures are read ({@link OpenAiFailureRules}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "openai")
class OpenAiProvider {

	@Bean
	OpenAiFailureRules openAiFailureRules() {
		return new OpenAiFailureRules();
	}

}
