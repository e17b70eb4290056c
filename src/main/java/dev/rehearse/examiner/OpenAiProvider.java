package dev.rehearse.examiner;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatProperties;
import org.springframework.ai.model.openai.autoconfigure.OpenAiCommonProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The OpenAI-compatible provider ({@code spring.ai.model.chat=openai}: OpenAI, DeepSeek, Qwen,
 * vLLM, llama.cpp, LM Studio): its chat model, a non-blocking client
 * ({@link OpenAiCompatibleChatModel}) configured by Spring AI's own {@code spring.ai.openai.*}
 * properties, and how its failures are read ({@link OpenAiFailureRules}).
 * <p>
 * Spring AI's {@code OpenAiChatAutoConfiguration} is excluded ({@code RehearseApplication}) so
 * that this is the one chat model: it streams through the OpenAI Java SDK with a thread per open
 * stream.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "openai")
@EnableConfigurationProperties({ OpenAiCommonProperties.class, OpenAiChatProperties.class, ExaminerProperties.class })
class OpenAiProvider {

	/** Spring AI's chat auto-configuration this provider replaces. */
	static final String REPLACED_AUTO_CONFIGURATION = "org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration";

	@Bean
	OpenAiFailureRules openAiFailureRules() {
		return new OpenAiFailureRules();
	}

	@Bean(destroyMethod = "dispose")
	ConnectionProvider openAiConnections(ExaminerProperties examiner) {
		return ConnectionProvider.builder("openai")
			.maxConnections(examiner.client().maxConnections())
			// Beyond the pool a stream waits for a connection; the grading's own deadline bounds the wait.
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(examiner.maxGradingWait())
			// Servers and proxies close idle keep-alive connections; drop ours before they do.
			.maxIdleTime(java.time.Duration.ofSeconds(20))
			.evictInBackground(java.time.Duration.ofSeconds(30))
			.build();
	}

	@Bean
	OpenAiCompatibleChatModel openAiChatModel(OpenAiCommonProperties common, OpenAiChatProperties chat,
			ExaminerProperties examiner, ConnectionProvider openAiConnections,
			ObjectProvider<WebClient.Builder> webClients, ObjectProvider<ObservationRegistry> observations) {
		String baseUrl = StringUtils.hasText(chat.getBaseUrl()) ? chat.getBaseUrl() : common.getBaseUrl();
		String apiKey = (chat.getApiKey() != null) ? chat.getApiKey() : common.getApiKey();
		String model = StringUtils.hasText(chat.getModel()) ? chat.getModel() : common.getModel();
		HttpClient http = HttpClient.create(openAiConnections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) examiner.client().connectTimeout().toMillis());
		// Boot's builder, when there is one, brings its observation (http.client.requests, trace headers).
		WebClient.Builder builder = webClients.getIfAvailable(WebClient::builder).clone()
			.baseUrl(baseUrl.replaceAll("/+$", ""))
			.clientConnector(new ReactorClientHttpConnector(http));
		if (StringUtils.hasText(apiKey)) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
		}
		if (StringUtils.hasText(common.getOrganizationId())) {
			builder.defaultHeader("OpenAI-Organization", common.getOrganizationId());
		}
		(chat.getCustomHeaders().isEmpty() ? common.getCustomHeaders() : chat.getCustomHeaders())
			.forEach(builder::defaultHeader);
		ChatOptions defaults = ChatOptions.builder()
			.model(model)
			.temperature(chat.getTemperature())
			.maxTokens((chat.getMaxTokens() != null) ? chat.getMaxTokens() : chat.getMaxCompletionTokens())
			.topP(chat.getTopP())
			.stopSequences(chat.getStop())
			.build();
		return new OpenAiCompatibleChatModel(builder.build(), defaults,
				observations.getIfUnique(() -> ObservationRegistry.NOOP));
	}

}
