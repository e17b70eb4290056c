package dev.rehearse.examiner;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.web.reactive.function.client.WebClient;

import dev.rehearse.testsupport.FakeModelServer;
import dev.rehearse.testsupport.FakeModelServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rehearse's OpenAI-compatible client over real HTTP against the fake model server: what it
 * sends, what it makes of the stream, what it meters, and that an open stream costs no thread.
 */
class OpenAiCompatibleChatModelTests {

	private final FakeModelServer server = FakeModelServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void streamsContentAndReasoningAsSpringAiResponsesAndMetersTokenUsagePerProviderAndModel() {
		this.server.defaultReply(Reply.text("Keys map to values.").reasoning("Think first."));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ChatModelMeterObservationHandler(meters));
		ChatModel model = new OpenAiCompatibleChatModel(WebClient.create(this.server.baseUrl()),
				ChatOptions.builder().model("fake-model").temperature(0.2).build(), observations);

		List<ChatResponse> responses = model.stream(new Prompt("What does a HashMap do?"))
			.collectList()
			.block(Duration.ofSeconds(20));

		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		responses.stream().filter((r) -> r.getResult() != null).forEach((r) -> {
			text.append(r.getResult().getOutput().getText());
			Object part = r.getResult().getOutput().getMetadata().get("reasoningContent");
			reasoning.append((part != null) ? part : "");
		});
		assertThat(text).hasToString("Keys map to values.");
		assertThat(reasoning).hasToString("Think first.");
		assertThat(responses).anySatisfy((r) -> assertThat(r.getMetadata().getUsage().getCompletionTokens()).isPositive());
		FakeModelServer.RecordedRequest request = this.server.requests().get(0);
		assertThat(request.stream()).isTrue();
		assertThat(request.model()).isEqualTo("fake-model");
		assertThat(request.body()).contains("\"include_usage\":true").contains("\"temperature\":0.2");
		assertThat(request.user()).isEqualTo("What does a HashMap do?");
		// The observation stops just after the stream completes (doFinally), so the meter may lag the last response.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(meters.find("gen_ai.client.token.usage")
			.tag("gen_ai.system", "openai")
			.tag("gen_ai.request.model", "fake-model")
			.tag("gen_ai.token.type", "output")
			.counter()).isNotNull().satisfies((counter) -> assertThat(counter.count()).isPositive()));
	}

	@Test
	void openStreamsHoldNoThreadAndAreNotCappedAt64() {
		try (FakeModelServer slow = StreamThreads.server()) {
			StreamThreads.withRehearseClient(slow, (model) -> {
				StreamThreads.measure("warm-up", model, slow, 100);
				StreamThreads.Figures few = StreamThreads.measure("rehearse", model, slow, 10);
				StreamThreads.Figures many = StreamThreads.measure("rehearse", model, slow, 200);
				assertThat(many.completed()).isEqualTo(200);
				// More than 64 requests reached the server before any response began, and were open at once:
				// no dispatcher queue in front (on a quiet machine all 200 are; a busy one sends them slower).
				assertThat(many.requestsBeforeFirstByte()).isGreaterThan(64);
				assertThat(many.mostOpen()).isGreaterThan(64);
				// 190 more open streams, next to no more threads (a thread per stream would add ~190).
				assertThat(many.threadsPeak()).as("%s vs %s", many.json(), few.json())
					.isLessThanOrEqualTo(few.threadsPeak() + 8);
			});
		}
	}

}
