package dev.rehearse.interview;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description documents the data of every event of the answer stream. */
@DatabaseTest
class InterviewEventsApiDocsIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void everyAnswerEventHasItsPayloadSchema() {
		byte[] body = this.client.mutate()
			.responseTimeout(Duration.ofSeconds(120))
			.build()
			.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode docs = Api.parse(body);
		JsonNode stream = docs.at("/paths/~1api~1interviews~1{id}~1turns~1{turnId}~1answer/post/responses/200/content")
			.get("text/event-stream");
		assertThat(stream).as("the answer's event stream").isNotNull();
		assertThat(stream.at("/schema/oneOf").findValuesAsString("$ref")).containsExactlyInAnyOrder(
				"#/components/schemas/SavedEvent", "#/components/schemas/QueuedEvent",
				"#/components/schemas/RetryingEvent", "#/components/schemas/FeedbackEvent",
				"#/components/schemas/VerdictEvent", "#/components/schemas/QuestionEvent",
				"#/components/schemas/FinishedEvent", "#/components/schemas/ErrorEvent");
		JsonNode schemas = docs.get("components").get("schemas");
		assertThat(schemas.get("VerdictEvent").get("properties").propertyNames()).contains("turnId", "verdict",
				"delivery", "referenceAnswer", "keyPoints", "revealed", "parentTurnId");
		assertThat(schemas.get("FeedbackEvent").get("properties").propertyNames()).containsExactly("delta");
		assertThat(schemas.get("QueuedEvent").get("properties").propertyNames()).containsExactly("position");
		assertThat(schemas.get("ErrorEvent").get("properties").propertyNames()).containsExactlyInAnyOrder("message",
				"retryable");
		assertThat(schemas.get("FeedbackEvent").get("description").asString()).startsWith("event: feedback");
	}

}
