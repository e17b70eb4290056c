package dev.rehearse.interview;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.BrowserSession;
import dev.rehearse.testsupport.SeedBank;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an answer costs the database, counted at the R2DBC driver (r2dbc-proxy) for a candidate
 * signed in with a session, as the web chat is: from the request to the end of its event stream.
 * A transaction begun is noted too; an answer admitted at once does not touch the queue.
 */
@DatabaseTest
@Import(InterviewStatementCountIntegrationTests.CountStatements.class)
// the sweep would add its own statements at any moment
@TestPropertySource(properties = "rehearse.interview.sweep.enabled=false")
class InterviewStatementCountIntegrationTests {

	static final List<String> statements = new CopyOnWriteArrayList<>();

	/** Noted for every transaction begun. */
	static final String BEGIN = "(begin)";

	@Autowired
	WebTestClient client;

	@Test
	void anAnswerThatMovesOnToTheNextQuestionCostsAtMostFiveStatementsAndNoTransaction() {
		Api api = Api.newCandidate(this.client);
		BrowserSession browser = BrowserSession.login(this.client, api.username(), api.password());
		JsonNode interview = Api.parse(browser.post("/api/interviews")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("bankId", SeedBank.ID, "questionCount", 3))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		// warm up: the first answer of a context loads the examiner's models
		List<Api.Event> first = answer(browser, interview.get("id").asString(),
				interview.get("currentTurn").get("id").asString(), "I am not sure.");
		String next = InterviewFlowIntegrationTests.event(first, "question").get("turn").get("id").asString();

		assertThat(statements).as("beginning an interview is a transaction, and the counter sees it").contains(BEGIN);
		statements.clear();
		// a weak answer: no follow-up, the next planned question comes
		List<Api.Event> events = answer(browser, interview.get("id").asString(), next, "I do not know this one either.");
		// the admission's poll of the grading queue runs once a second per instance, not per answer
		List<String> counted = statements.stream().filter((sql) -> !sql.contains("grading_queue")).toList();

		assertThat(events).extracting(Api.Event::name).startsWith("saved").endsWith("verdict", "question");
		// the session, the interview with its turns, the save with its grant, the next question, the verdict with
		// the next turn: each one statement, none in a transaction
		assertThat(counted).as("statements of one answer:%n%s", String.join("\n---\n", counted))
			.doesNotContain(BEGIN)
			.hasSizeLessThanOrEqualTo(5);
		assertThat(counted).as("the unchanged session is not written back")
			.noneMatch((sql) -> sql.contains("insert into web_session"));
	}

	private static List<Api.Event> answer(BrowserSession browser, String interviewId, String turnId, String text) {
		return Api.events(browser.post("/api/interviews/{id}/turns/{turn}/answer", interviewId, turnId)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("text", text))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.timeout(Duration.ofSeconds(60)));
	}

	/** Wraps the application's connection factory in one that notes every statement executed. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountStatements {

		@Bean
		static BeanPostProcessor statementCounter() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof ConnectionFactory factory && name.equals("connectionFactory")) {
						return ProxyConnectionFactory.builder(factory)
							.onAfterQuery((execution) -> execution.getQueries()
								.stream()
								.map(QueryInfo::getQuery)
								.forEach(statements::add))
							.onAfterMethod((execution) -> {
								if (execution.getMethod().getName().equals("beginTransaction")) {
									statements.add(BEGIN);
								}
							})
							.build();
					}
					return bean;
				}

			};
		}

	}

}
