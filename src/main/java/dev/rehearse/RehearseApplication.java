package dev.rehearse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Rehearse: a mock-interview service with an LLM examiner.
 */
// Spring AI's OpenAI chat model streams with a thread per open stream; examiner/OpenAiProvider
// replaces it with a non-blocking one configured by the same spring.ai.openai.* properties.
@SpringBootApplication(excludeName = "org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration")
@ConfigurationPropertiesScan
public class RehearseApplication {

	public static void main(String[] args) {
		SpringApplication.run(RehearseApplication.class, args);
	}

}
