package dev.rehearse.examiner;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The offline examiner, under the bean name {@code offlineExaminer}: grades when no model is
 * configured, and is the LLM examiner's fallback. Deliberately not {@code @Primary}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OfflineExaminerProperties.class)
class OfflineExaminerConfiguration {

	private static final Log logger = LogFactory.getLog(OfflineExaminerConfiguration.class);

	@Bean
	OfflineExaminer offlineExaminer(OfflineExaminerProperties properties) {
		OfflineExaminer examiner = new OfflineExaminer(properties);
		if (properties.loadAtStartup()) {
			// in the background: start-up does not wait the seconds the models take to load
			examiner.load()
				.subscribe((took) -> {
				}, (ex) -> logger.warn("Offline examiner could not load its embedding models", ex));
		}
		return examiner;
	}

}
