package dev.rehearse.examiner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

	/**
	 * One streamed chunk as Spring AI's response: the first choice's text, reasoning and finish
	 * reason, the id, model and token usage. Read with Jackson's streaming parser, fields it does not
	 * need skipped: a tree per chunk was a tenth of the service's CPU per streamed token.
	 */
	static ChatResponse response(String data) {
		try (JsonParser parser = json.createParser(data)) {
			Chunk chunk = new Chunk();
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return chunk.response();
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "id" -> chunk.id = scalar(parser, value);
					case "model" -> chunk.model = scalar(parser, value);
					case "choices" -> chunk.readChoices(parser, value);
					case "usage" -> chunk.readUsage(parser, value);
					default -> parser.skipChildren();
				}
			}
			return chunk.response();
		}
	}

	/** A scalar as text ("" for null), a container skipped as "". */
	private static String scalar(JsonParser parser, JsonToken value) {
		if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
			parser.skipChildren();
			return "";
		}
		return (value == JsonToken.VALUE_NULL) ? "" : parser.getString();
	}

	/** A string value, or null for anything else (which is skipped). */
	private static String string(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

	/** What {@link #response(String)} reads of a chunk. */
	private static final class Chunk {

		String id = "";

		String model = "";

		boolean choice;

		String content;

		String reasoningContent;

		String reasoning;

		String finishReason;

		DefaultUsage usage;

		void readChoices(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_ARRAY) {
				parser.skipChildren();
				return;
			}
			JsonToken first = parser.nextToken();
			if (first == JsonToken.END_ARRAY) {
				return;
			}
			this.choice = true;
			if (first == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken field = parser.nextToken();
					if (name.equals("delta") && field == JsonToken.START_OBJECT) {
						readDelta(parser);
					}
					else if (name.equals("finish_reason")) {
						this.finishReason = string(parser, field);
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else {
				parser.skipChildren();
			}
			// the other choices: only the first is used
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				parser.skipChildren();
			}
		}

		private void readDelta(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken field = parser.nextToken();
				switch (name) {
					case "content" -> this.content = string(parser, field);
					case "reasoning_content" -> this.reasoningContent = string(parser, field);
					case "reasoning" -> this.reasoning = string(parser, field);
					default -> parser.skipChildren();
				}
			}
		}

		void readUsage(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return;
			}
			int prompt = 0;
			int completion = 0;
			int total = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken field = parser.nextToken();
				int number = (field == JsonToken.VALUE_NUMBER_INT) ? parser.getIntValue() : 0;
				if (field != JsonToken.VALUE_NUMBER_INT) {
					parser.skipChildren();
				}
				switch (name) {
					case "prompt_tokens" -> prompt = number;
					case "completion_tokens" -> completion = number;
					case "total_tokens" -> total = number;
					default -> {
					}
				}
			}
			this.usage = new DefaultUsage(prompt, completion, total);
		}

		ChatResponse response() {
			List<Generation> generations = new ArrayList<>(1);
			if (this.choice) {
				Map<String, Object> properties = new HashMap<>(2);
				String thought = (this.reasoningContent != null) ? this.reasoningContent : this.reasoning;
				if (thought != null) {
					properties.put("reasoningContent", thought);
				}
				AssistantMessage message = AssistantMessage.builder()
					.content((this.content != null) ? this.content : "")
					.properties(properties)
					.build();
				generations.add(new Generation(message, (this.finishReason != null)
						? ChatGenerationMetadata.builder().finishReason(this.finishReason.toUpperCase()).build()
						: ChatGenerationMetadata.NULL));
			}
			ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().id(this.id).model(this.model);
			if (this.usage != null) {
				metadata.usage(this.usage);
			}
			return new ChatResponse(generations, metadata.build());
		}

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
