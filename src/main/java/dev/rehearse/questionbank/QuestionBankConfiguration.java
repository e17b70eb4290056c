package dev.rehearse.questionbank;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the shipped banks and the banks directory once at start-up, before the application
 * reports itself ready.
 */
@Configuration(proxyBeanMethods = false)
class QuestionBankConfiguration {

	/**
	 * Runs on the main thread before readiness is published, so blocking once here is what
	 * keeps traffic away until the banks are in; a bad file is reported and skipped, never fatal.
	 */
	@Bean
	ApplicationRunner loadBanksAtStartup(BankLoader loader, QuestionBankProperties properties) {
		return (arguments) -> loader.load(BankSources.shippedAnd(properties.directory())).block();
	}

}
