package dev.rehearse.system;

import org.springdoc.core.customizers.ServerBaseUrlCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description names the configured public URL as its server, not one built from the
 * request: springdoc would otherwise echo whatever Host header a client sent into a page that
 * others may load (a cache poisoning foothold).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	@Bean
	ServerBaseUrlCustomizer publicServerUrl(PublicUrlProperties properties) {
		String url = properties.serverUrl();
		return (fromRequest, request) -> url;
	}

}
