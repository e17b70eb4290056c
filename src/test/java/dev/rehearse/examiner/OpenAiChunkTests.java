package dev.rehearse.examiner;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * One streamed chunk read the way OpenAI-compatible servers send them: OpenAI's own (with
 * logprobs, refusal and system fingerprint), DeepSeek's {@code reasoning_content}, vLLM and
 * OpenRouter's {@code reasoning}, the usage-only last chunk with no choices, escapes, and fields
 * that are null or of an unexpected type.
 */
class OpenAiChunkTests {

	@Test
	void readsTheFirstChoicesTextAndSkipsEverythingElse() {
		ChatResponse response = OpenAiCompatibleChatModel.response("""
				{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733000000,"model":"gpt-4o-mini",
				 "system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi \\"you\\" \\u7ea2",
				 "refusal":null,"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},"logprobs":{"content":[{"token":"x"}]},
				 "finish_reason":null},{"index":1,"delta":{"content":"second choice"}}],"usage":null}""");
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Hi \"you\" 红");
		assertThat(response.getResult().getMetadata().getFinishReason()).isNull();
		assertThat(response.getResults()).hasSize(1);
		assertThat(response.getMetadata().getId()).isEqualTo("chatcmpl-1");
		assertThat(response.getMetadata().getModel()).isEqualTo("gpt-4o-mini");
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isZero();
	}

	@Test
	void readsReasoningUnderEitherNameAndTheFinishReason() {
		ChatResponse deepseek = OpenAiCompatibleChatModel
			.response("{\"choices\":[{\"delta\":{\"content\":null,\"reasoning_content\":\"think\"}}]}");
		assertThat(deepseek.getResult().getOutput().getText()).isEmpty();
		assertThat(deepseek.getResult().getOutput().getMetadata()).containsEntry("reasoningContent", "think");
		ChatResponse vllm = OpenAiCompatibleChatModel
			.response("{\"choices\":[{\"finish_reason\":\"stop\",\"delta\":{\"reasoning\":\"hmm\",\"content\":\"ok\"}}]}");
		assertThat(vllm.getResult().getOutput().getMetadata()).containsEntry("reasoningContent", "hmm");
		assertThat(vllm.getResult().getOutput().getText()).isEqualTo("ok");
		assertThat(vllm.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
	}

	@Test
	void aUsageOnlyChunkHasNoGenerationAndItsTokenCounts() {
		ChatResponse response = OpenAiCompatibleChatModel.response("""
				{"id":"c","choices":[],"usage":{"prompt_tokens":812,"completion_tokens":120,"total_tokens":932,
				 "prompt_tokens_details":{"cached_tokens":0}}}""");
		assertThat(response.getResults()).isEmpty();
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(812);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(120);
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(932);
	}

	@Test
	void oddTypesAreIgnoredAndBrokenJsonIsAnError() {
		ChatResponse response = OpenAiCompatibleChatModel
			.response("{\"id\":7,\"model\":{\"x\":1},\"choices\":{\"not\":\"an array\"},\"usage\":\"none\"}");
		assertThat(response.getResults()).isEmpty();
		assertThat(response.getMetadata().getId()).isEqualTo("7");
		assertThat(response.getMetadata().getModel()).isEmpty();
		assertThat(OpenAiCompatibleChatModel.response("{\"choices\":[{\"delta\":{\"content\":5}}]}").getResult()
			.getOutput()
			.getText()).isEmpty();
		assertThatException().isThrownBy(() -> OpenAiCompatibleChatModel.response("{\"choices\":[{\"delta\":"));
	}

}
