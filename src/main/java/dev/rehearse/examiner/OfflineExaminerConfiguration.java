package dev.rehearse.examiner;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The offline examiner, under the bean name {@code offlineExaminer}: graded with when no model is
 * configured, and the fallback of the LLM examiner. Deliberately not {@code @Primary}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OfflineExaminerProperties.class)
class OfflineExaminerConfiguration {

	@Bean
	OfflineExaminer offlineExaminer(OfflineExaminerProperties properties) {
		OfflineExaminer examiner = new OfflineExaminer(properties);
		if (properties.loadAtStartup()) {
			// in the background: start-up does not wait for the models (about 1-2 s)
			examiner.load().subscribe((took) -> {
			}, (ex) -> org.apache.commons.logging.LogFactory.getLog(OfflineExaminerConfiguration.class)
				.warn("Offline examiner could not load its embedding models", ex));
		}
		return examiner;
	}

}
