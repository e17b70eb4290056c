package dev.rehearse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Rehearse: a mock-interview service with an LLM examiner.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RehearseApplication {

	public static void main(String[] args) {
		SpringApplication.run(RehearseApplication.class, args);
	}

}
