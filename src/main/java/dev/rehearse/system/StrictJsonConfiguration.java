package dev.rehearse.system;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;

/**
 * Request bodies are read strictly, so that every field is checked in one place and a wrong one
 * is a 400 that names it (see {@link ErrorHandling}): no text with NUL, other control characters
 * or lone surrogates, and no fractions where a whole number is expected ({@code questionCount: 2.5}).
 * Only the decoder of HTTP requests changes; the application's own {@link JsonMapper} (model
 * replies, for one) stays as lenient as Spring Boot configures it.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	@Bean
	@Order(10) // after Spring Boot's own Jackson codec customizer (order 0)
	CodecCustomizer strictJsonRequests(JsonMapper json) {
		JsonMapper strict = json.rebuild()
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.addModule(new SimpleModule("strict-text").addDeserializer(String.class, new StrictStringDeserializer()))
			.build();
		return (codecs) -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
	}

	/** Jackson's string deserializer, refusing text the service could not store as it was sent. */
	static final class StrictStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String text = super.deserialize(parser, context);
			if (text != null && !RequestGuard.allowed(text)) {
				throw new ForbiddenCharacterException(parser);
			}
			return text;
		}

	}

	/** Text with a character the service does not accept; Jackson adds the field's path. */
	static final class ForbiddenCharacterException extends MismatchedInputException {

		ForbiddenCharacterException(JsonParser parser) {
			super(parser, "Text contains a NUL, a control character or a lone surrogate", String.class);
		}

	}

}
