package dev.rehearse.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * Server messages ({@code messages.properties}, {@code messages_zh.properties}) in the language
 * the client asks for.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

	/** Replaces Spring Boot's resolver, which would pass any requested language through. */
	@Bean
	LocaleContextResolver localeContextResolver() {
		return new UserLanguage();
	}

}
