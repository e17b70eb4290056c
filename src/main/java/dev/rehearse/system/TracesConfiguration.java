package dev.rehearse.system;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No Reactor operator restores thread locals: {@link Traces} says why, and how the trace still
 * reaches log lines and the model call.
 */
@Configuration(proxyBeanMethods = false)
class TracesConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TracesConfiguration.class);

	/** Once every bean is made, so that an accessor a bean registered is taken out too. */
	@Bean
	static SmartInitializingSingleton restoreThreadLocalsOnlyWhereAsked() {
		return () -> {
			List<Object> keys = Traces.restoreOnlyWhereAsked();
			logger.debug("Reactor restores no thread locals; accessors taken out: {}", keys);
		};
	}

}
