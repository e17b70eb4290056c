package dev.rehearse.tailoring;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link TailoringProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TailoringProperties.class)
class TailoringConfiguration {

}
