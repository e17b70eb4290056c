package dev.rehearse.examiner;

import java.time.Duration;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.ollama.autoconfigure.OllamaApiAutoConfiguration;
import org.springframework.ai.model.ollama.autoconfigure.OllamaChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider's {@link ModelFailureRules} read what its real client throws over real HTTP when
 * the (fake) server rate-limits, fails, refuses the request, refuses the connection, stalls or
 * cuts its stream:
 * the rules are checked against the client, not against exceptions a test made up.
 */
class ProviderFailureRulesTests {

	private final FakeModelServer server = FakeModelServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	enum Provider {

		OPENAI, OLLAMA

	}

	private ApplicationContextRunner runner(Provider provider) {
		if (provider == Provider.OPENAI) {
			return new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ToolCallingAutoConfiguration.class))
				.withUserConfiguration(OpenAiProvider.class)
				.withPropertyValues("spring.ai.model.chat=openai", "spring.ai.openai.base-url=" + this.server.baseUrl(),
						"spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=fake-model");
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ToolCallingAutoConfiguration.class, OllamaApiAutoConfiguration.class,
					OllamaChatAutoConfiguration.class))
			.withUserConfiguration(OllamaProvider.class)
			.withPropertyValues("spring.ai.model.chat=ollama", "spring.ai.ollama.base-url=" + this.server.ollamaBaseUrl(),
					"spring.ai.ollama.chat.model=qwen3:8b", "spring.ai.retry.max-attempts=1");
	}

	/** Streams one chat through the provider's client as the examiner does, and hands its failure over. */
	private void whenStreaming(Provider provider, Duration timeout, BiConsumer<ModelFailures, Throwable> test) {
		runner(provider).run((context) -> {
			assertThat(context).hasNotFailed();
			ModelFailureRules rules = context.getBean(ModelFailureRules.class);
			assertThat(rules.provider()).isEqualTo(provider.name().toLowerCase());
			Throwable failure = context.getBean(ChatModel.class)
				.stream(new Prompt("Grade this answer."))
				.timeout(timeout)
				.then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just)
				.block(Duration.ofSeconds(30));
			assertThat(failure).as("the stream fails").isNotNull();
			test.accept(new ModelFailures(rules), failure);
		});
	}

	private void whenStreaming(Provider provider, BiConsumer<ModelFailures, Throwable> test) {
		whenStreaming(provider, Duration.ofSeconds(20), test);
	}

	@ParameterizedTest
	@EnumSource
	void rateLimitedIsRetriedAfterTheWaitTheServerAskedFor(Provider provider) {
		this.server.enqueue(Reply.tooManyRequests(Duration.ofSeconds(7)));
		whenStreaming(provider, (failures, failure) -> {
			assertThat(failures.transientFailure(failure)).isTrue();
			assertThat(failures.retryAfter(failure)).contains(Duration.ofSeconds(7));
			assertThat(failures.reason(failure)).isEqualTo("rate-limited");
			assertThat(failures.describe(failure)).isEqualTo("HTTP 429");
		});
	}

	@ParameterizedTest
	@EnumSource
	void serverErrorsAreRetriedWithoutAWaitOfTheirOwn(Provider provider) {
		for (int status : new int[] { 500, 503 }) {
			this.server.enqueue(Reply.status(status));
			whenStreaming(provider, (failures, failure) -> {
				assertThat(failures.transientFailure(failure)).as("HTTP %d", status).isTrue();
				assertThat(failures.retryAfter(failure)).isEmpty();
				assertThat(failures.reason(failure)).isEqualTo("server-error");
				assertThat(failures.describe(failure)).isEqualTo("HTTP " + status);
			});
		}
	}

	@ParameterizedTest
	@EnumSource
	void aBadRequestIsNotRetriedSinceItFailsTheSameWayAgain(Provider provider) {
		this.server.enqueue(Reply.status(400));
		whenStreaming(provider, (failures, failure) -> {
			assertThat(failures.transientFailure(failure)).isFalse();
			assertThat(failures.describe(failure)).isEqualTo("HTTP 400");
		});
	}

	@ParameterizedTest
	@EnumSource
	void aRefusedConnectionIsRetried(Provider provider) {
		this.server.close();
		whenStreaming(provider, (failures, failure) -> {
			assertThat(failures.transientFailure(failure)).isTrue();
			assertThat(failures.retryAfter(failure)).isEmpty();
			assertThat(failures.reason(failure)).isEqualTo("connection");
		});
	}

	@ParameterizedTest
	@EnumSource
	void aStalledServerTimesOutAndIsRetried(Provider provider) {
		this.server.enqueue(Reply.text("late").firstTokenDelay(Duration.ofSeconds(10)));
		whenStreaming(provider, Duration.ofMillis(500), (failures, failure) -> {
			assertThat(failures.transientFailure(failure)).isTrue();
			assertThat(failures.reason(failure)).isEqualTo("timeout");
		});
	}

	@ParameterizedTest
	@EnumSource
	void aStreamCutBeforeItsEndIsRetried(Provider provider) {
		this.server.enqueue(Reply.text("one two three four").cutAfter(2));
		whenStreaming(provider, (failures, failure) -> {
			assertThat(failures.transientFailure(failure)).isTrue();
			assertThat(failures.reason(failure)).isEqualTo("connection");
		});
	}

}
