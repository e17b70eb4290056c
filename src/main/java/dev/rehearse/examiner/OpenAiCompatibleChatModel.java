package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Spring AI {@link ChatModel} for OpenAI-compatible servers ({@code POST /chat/completions})
 * on WebClient and Reactor Netty, so an open stream holds a socket, not a thread.
 * <p>
 * Why not Spring AI's {@code OpenAiChatModel}: in 2.0.1 it streams through the OpenAI Java SDK,
 * whose {@code AsyncStreamResponse.subscribe} iterates each response body with a blocking read
 * on a thread of its stream-handler pool (one {@code openai-stream-handler-thread} per open
 * stream, for the whole stream), behind an OkHttp dispatcher that starts at most 64 calls at once
 * and queues the rest until one has its response headers. Neither is a setting: the blocking read
 * is how the SDK streams. This client sends the same request (messages, model, temperature,
 * {@code stream_options.include_usage}), reads the server-sent events on the event loop, and
 * makes the same {@link ChatResponse}s: text, reasoning sent apart ({@code reasoning_content},
 * vLLM's {@code reasoning}) in the message's {@code reasoningContent} property, finish reason,
 * usage, and Spring AI's chat-model observation (so token usage is metered per provider and
 * model). It does not do tools, images or audio, which Rehearse never asks for.
 */
final class OpenAiCompatibleChatModel implements ChatModel {

	private static final ChatModelObservationConvention DEFAULT_CONVENTION = new DefaultChatModelObservationConvention();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebClient client;

	private final ChatOptions defaults;

	private final ObservationRegistry observations;

	/**
	 * @param client a WebClient whose base URL is the server's, including {@code /v1}, and that
	 * sends its key
	 * @param defaults the model and sampling options a prompt does not set itself
	 * @param observations where Spring AI's chat-model observation goes
	 */
	OpenAiCompatibleChatModel(WebClient client, ChatOptions defaults, ObservationRegistry observations) {
		this.client = client;
		this.defaults = defaults;
		this.observations = observations;
	}

	@Override
	public ChatOptions getDefaultOptions() {
		return this.defaults.mutate().build();
	}

	@Override
	public ChatOptions getOptions() {
		return getDefaultOptions();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		// Rehearse streams every call; a blocking caller gets the stream's aggregate.
		List<ChatResponse> responses = stream(prompt).collectList().block();
		StringBuilder text = new StringBuilder();
		ChatResponse last = null;
		for (ChatResponse response : (responses != null) ? responses : List.<ChatResponse>of()) {
			if (response.getResult() != null && response.getResult().getOutput().getText() != null) {
				text.append(response.getResult().getOutput().getText());
			}
			last = response;
		}
		ChatResponseMetadata metadata = (last != null) ? last.getMetadata() : ChatResponseMetadata.builder().build();
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text.toString()))), metadata);
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((context) -> {
			ChatOptions options = merged(prompt.getOptions());
			Prompt observed = new Prompt(prompt.getInstructions(), options);
			ChatModelObservationContext observationContext = ChatModelObservationContext.builder()
				.prompt(observed)
				.provider("openai")
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(null, DEFAULT_CONVENTION, () -> observationContext, this.observations)
				.parentObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			Flux<DataBuffer> body = this.client.post()
				.uri("/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(request(prompt.getInstructions(), options))
				.retrieve()
				.bodyToFlux(DataBuffer.class);
			Flux<ChatResponse> responses = ServerSentEventData.of(body)
				.takeWhile((data) -> !"[DONE]".equals(data.strip()))
				.map(OpenAiCompatibleChatModel::response)
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((ctx) -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
			Aggregate aggregate = new Aggregate();
			return responses.doOnNext(aggregate::add).doOnComplete(() -> observationContext.setResponse(aggregate.response()));
		});
	}

	private ChatOptions merged(ChatOptions requested) {
		if (requested == null) {
			return this.defaults.mutate().build();
		}
		ChatOptions.Builder<?> options = this.defaults.mutate();
		if (requested.getModel() != null) {
			options.model(requested.getModel());
		}
		if (requested.getTemperature() != null) {
			options.temperature(requested.getTemperature());
		}
		if (requested.getMaxTokens() != null) {
			options.maxTokens(requested.getMaxTokens());
		}
		if (requested.getTopP() != null) {
			options.topP(requested.getTopP());
		}
		if (requested.getStopSequences() != null) {
			options.stopSequences(requested.getStopSequences());
		}
		return options.build();
	}

	static String request(List<Message> messages, ChatOptions options) {
		ObjectNode body = json.createObjectNode();
		body.put("model", options.getModel());
		ArrayNode list = body.putArray("messages");
		for (Message message : messages) {
			ObjectNode entry = list.addObject();
			entry.put("role", switch (message.getMessageType()) {
				case SYSTEM -> "system";
				case ASSISTANT -> "assistant";
				case TOOL -> "tool";
				default -> "user";
			});
			entry.put("content", (message.getText() != null) ? message.getText() : "");
		}
		body.put("stream", true);
		body.putObject("stream_options").put("include_usage", true);
		if (options.getTemperature() != null) {
			body.put("temperature", options.getTemperature());
		}
		if (options.getMaxTokens() != null) {
			body.put("max_tokens", options.getMaxTokens());
		}
		if (options.getTopP() != null) {
			body.put("top_p", options.getTopP());
		}
		if (options.getStopSequences() != null && !options.getStopSequences().isEmpty()) {
			ArrayNode stop = body.putArray("stop");
			options.getStopSequences().forEach(stop::add);
		}
		return body.toString();
	}

	/** One streamed chunk as a response: its first choice's delta, and the usage when the chunk carries it. */
	static ChatResponse response(String data) {
		JsonNode chunk = json.readTree(data);
		List<Generation> generations = new ArrayList<>(1);
		JsonNode choice = chunk.path("choices").path(0);
		if (!choice.isMissingNode()) {
			JsonNode delta = choice.path("delta");
			Map<String, Object> properties = new HashMap<>(2);
			String reasoning = text(delta, "reasoning_content");
			if (reasoning == null) {
				reasoning = text(delta, "reasoning");
			}
			if (reasoning != null) {
				properties.put("reasoningContent", reasoning);
			}
			String content = text(delta, "content");
			AssistantMessage message = AssistantMessage.builder()
				.content((content != null) ? content : "")
				.properties(properties)
				.build();
			String finish = text(choice, "finish_reason");
			generations.add(new Generation(message,
					(finish != null) ? ChatGenerationMetadata.builder().finishReason(finish.toUpperCase()).build()
							: ChatGenerationMetadata.NULL));
		}
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.id(chunk.path("id").asString(""))
			.model(chunk.path("model").asString(""));
		JsonNode usage = chunk.path("usage");
		if (usage.isObject()) {
			metadata.usage(new DefaultUsage(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0),
					usage.path("total_tokens").asInt(0)));
		}
		return new ChatResponse(generations, metadata.build());
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

	/**
	 * What the chat-model observation needs of a whole stream (its text, id, model, finish reason
	 * and token usage), gathered as the chunks pass. Spring AI's {@code MessageAggregator} does the
	 * same with a merge of every chunk's metadata maps, a measurable share of the service's CPU per
	 * streamed token.
	 */
	private static final class Aggregate {

		private final StringBuilder text = new StringBuilder();

		private String id = "";

		private String model = "";

		private String finishReason;

		private Usage usage;

		void add(ChatResponse chunk) {
			Generation result = chunk.getResult();
			if (result != null) {
				String piece = result.getOutput().getText();
				if (piece != null) {
					this.text.append(piece);
				}
				String finish = (result.getMetadata() != null) ? result.getMetadata().getFinishReason() : null;
				if (finish != null) {
					this.finishReason = finish;
				}
			}
			ChatResponseMetadata metadata = chunk.getMetadata();
			if (metadata.getId() != null && !metadata.getId().isEmpty()) {
				this.id = metadata.getId();
			}
			if (metadata.getModel() != null && !metadata.getModel().isEmpty()) {
				this.model = metadata.getModel();
			}
			if (metadata.getUsage() != null && !(metadata.getUsage() instanceof EmptyUsage)) {
				this.usage = metadata.getUsage();
			}
		}

		ChatResponse response() {
			ChatGenerationMetadata generation = (this.finishReason != null)
					? ChatGenerationMetadata.builder().finishReason(this.finishReason).build() : ChatGenerationMetadata.NULL;
			ChatResponseMetadata metadata = ChatResponseMetadata.builder()
				.id(this.id)
				.model(this.model)
				.usage((this.usage != null) ? this.usage : new EmptyUsage())
				.build();
			return new ChatResponse(List.of(new Generation(new AssistantMessage(this.text.toString()), generation)), metadata);
		}

	}

}
