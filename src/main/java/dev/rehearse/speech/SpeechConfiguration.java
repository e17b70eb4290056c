package dev.rehearse.speech;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.openai.OpenAiAudioSpeechModel;
import org.springframework.ai.openai.OpenAiAudioTranscriptionModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.StringUtils;

/**
 * Server-side speech, by configuration only: Spring AI's OpenAI transcription and speech models
 * when {@code spring.ai.model.audio.transcription} / {@code .speech} are {@code openai}, each with
 * its own base URL, key, model (and voice), else the browser's speech APIs stand in. The start-up
 * log says which.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpeechProperties.class)
class SpeechConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SpeechConfiguration.class);

	@Bean
	SpeechCalls speechCalls(SpeechProperties properties) {
		return new SpeechCalls(properties.maxConcurrentCalls(), properties.retry());
	}

	@Bean
	Transcriber transcriber(ObjectProvider<TranscriptionModel> models, SpeechCalls speechCalls,
			SpeechProperties properties, Environment environment) {
		TranscriptionModel model = models.getIfUnique();
		if (model == null) {
			logger.info("Speech recognition: in the browser (no speech server configured)");
		}
		else {
			String name = (model instanceof OpenAiAudioTranscriptionModel openAi) ? openAi.getOptions().getModel()
					+ " (" + openAi.getOptions().getResponseFormat() + ")" : model.getClass().getSimpleName();
			logger.info("Speech recognition: server, {} at {} (uploads up to {} KB, {} s)", name,
					baseUrl(environment, "transcription"), properties.maxUploadBytes().toKilobytes(),
					properties.maxDurationSeconds());
		}
		return new Transcriber(model, speechCalls, properties);
	}

	@Bean
	Synthesizer synthesizer(ObjectProvider<TextToSpeechModel> models, SpeechCalls speechCalls,
			SpeechProperties properties, Environment environment) {
		TextToSpeechModel model = models.getIfUnique();
		if (model == null) {
			logger.info("Speech synthesis: in the browser (no speech server configured)");
		}
		else {
			String name = (model instanceof OpenAiAudioSpeechModel openAi)
					? openAi.getOptions().getModel() + ", voice " + openAi.getOptions().getVoice()
							+ properties.synthesis().voices() + ", " + openAi.getOptions().getResponseFormat()
					: model.getClass().getSimpleName();
			logger.info("Speech synthesis: server, {} at {}", name, baseUrl(environment, "speech"));
		}
		return new Synthesizer(model, speechCalls, properties);
	}

	@Bean
	Recordings recordings(DatabaseClient database) {
		return new Recordings(database);
	}

	/** The server's URL as Spring AI resolves it (the audio model's own, else the common one), without credentials. */
	private static String baseUrl(Environment environment, String model) {
		String url = environment.getProperty("spring.ai.openai.audio." + model + ".base-url");
		if (!StringUtils.hasText(url)) {
			url = environment.getProperty("spring.ai.openai.base-url", "https://api.openai.com/v1");
		}
		try {
			URI uri = URI.create(url);
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (Exception ex) {
			return "(unreadable URL)";
		}
	}

}
