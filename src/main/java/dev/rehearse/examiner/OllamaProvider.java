package dev.rehearse.examiner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Ollama provider ({@code spring.ai.model.chat=ollama}): what Rehearse adds to Spring AI's
 * {@code spring.ai.ollama.*} configuration, starting with how its failures are read
 * ({@link OllamaFailureRules}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "ollama")
class OllamaProvider {

	@Bean
	OllamaFailureRules ollamaFailureRules() {
		return new OllamaFailureRules();
	}

}
