package dev.rehearse.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import dev.rehearse.testsupport.FakeModelServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake model server speaks OpenAI's protocol well enough for Spring AI's own OpenAI client,
 * over real HTTP.
 */
class FakeModelServerTests {

	private final FakeModelServer server = FakeModelServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private ChatClient client() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(this.server.baseUrl())
				.apiKey("test-key")
				.model("fake-model")
				.maxRetries(0)
				.timeout(Duration.ofSeconds(60))
				.build())
			.build();
		return ChatClient.create(model);
	}

	@Test
	void streamsTokenByTokenAndRecordsTheRequest() {
		ChatClient client = client();
		client.prompt().user("warm up").stream().content().blockLast(); // a cold client bunches the first tokens
		this.server.reset();
		this.server.enqueue(Reply.text("Hello there, 你好 world").tokenDelay(Duration.ofMillis(150)));
		List<Long> arrivals = new CopyOnWriteArrayList<>();
		Flux<String> tokens = client.prompt().system("be brief").user("say hi").stream().content()
			.doOnNext((token) -> arrivals.add(System.nanoTime()));
		StepVerifier.create(tokens.collectList())
			.assertNext((list) -> assertThat(String.join("", list)).isEqualTo("Hello there, 你好 world"))
			.verifyComplete();
		assertThat(arrivals).hasSizeGreaterThanOrEqualTo(5);
		assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)))
			.isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(this.server.requestCount()).isEqualTo(1);
		FakeModelServer.RecordedRequest request = this.server.requests().get(0);
		assertThat(request.stream()).isTrue();
		assertThat(request.system()).isEqualTo("be brief");
		assertThat(request.user()).isEqualTo("say hi");
		assertThat(request.authorization()).isEqualTo("Bearer test-key");
	}

	@Test
	void streamsReasoningApartFromTheContentAsDeepSeekDoesAndSpringAiKeepsItInTheMetadata() {
		this.server.enqueue(Reply.text("Final answer.").reasoning("Let me think about it."),
				Reply.text("Final answer.").reasoning("Let me think.").reasoningField("reasoning"));
		for (int i = 0; i < 2; i++) {
			List<org.springframework.ai.chat.model.ChatResponse> responses = client().prompt().user("q").stream()
				.chatResponse().collectList().block(Duration.ofSeconds(30));
			StringBuilder text = new StringBuilder();
			responses.forEach((r) -> text.append((r.getResult() != null && r.getResult().getOutput().getText() != null)
					? r.getResult().getOutput().getText() : ""));
			assertThat(text.toString()).isEqualTo("Final answer.");
			// Spring AI 2.0.1 accumulates reasoning_content (or vLLM's reasoning) in the message metadata
			Object reasoning = responses.stream().filter((r) -> r.getResult() != null)
				.reduce((first, second) -> second).orElseThrow().getResult().getOutput().getMetadata().get("reasoningContent");
			assertThat(reasoning).isEqualTo((i == 0) ? "Let me think about it." : "Let me think.");
		}
		assertThat(this.server.requests().get(0).body()).doesNotContain("reasoning");
	}

	@Test
	void streamsTextThatNeedsEscaping() {
		String text = "say \"hi\" \\ then\n\ttab\u0001 and 中文 {\"score\": 1}";
		this.server.enqueue(Reply.text(text));
		StepVerifier.create(client().prompt().user("a").stream().content().collectList())
			.assertNext((tokens) -> assertThat(String.join("", tokens)).isEqualTo(text))
			.verifyComplete();
	}

	@Test
	void answersNonStreamingRequestsWithOneCompletion() {
		this.server.enqueue(Reply.text((request) -> "echo: " + request.user()));
		assertThat(client().prompt().user("ping").call().content()).isEqualTo("echo: ping");
	}

	@Test
	void failsWithTheScriptedStatusesThenRecovers() {
		this.server.enqueue(Reply.status(503), Reply.tooManyRequests(Duration.ofSeconds(2)));
		StepVerifier.create(client().prompt().user("a").stream().content())
			.verifyErrorSatisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(InternalServerException.class));
		StepVerifier.create(client().prompt().user("b").stream().content())
			.verifyErrorSatisfies((ex) -> assertThat(((RateLimitException) ex.getCause()).headers().values("Retry-After"))
				.containsExactly("2"));
		StepVerifier.create(client().prompt().user("c").stream().content()).expectNext("OK").verifyComplete();
	}

	@Test
	void cutsTheStreamHalfWay() {
		this.server.enqueue(Reply.text("one two three four").cutAfter(2));
		StepVerifier.create(client().prompt().user("a").stream().content())
			.expectNext("one", " two")
			.expectError()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void refusesConnectionsOnceClosed() {
		this.server.close();
		StepVerifier.create(client().prompt().user("a").stream().content())
			.expectError()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void tokenizesCjkPerCharacterAndWordsWithTheirSpace() {
		assertThat(FakeModelServer.tokens("ab cd\n中文")).containsExactly("ab", " cd", "\n", "中", "文");
	}

}
