package dev.rehearse.system;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.Api;
import dev.rehearse.testsupport.SeedBank;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator gets: metrics for Prometheus on the management port only, health for load
 * balancers on the public one, trace ids in the log lines, and no start-up noise from the
 * embedding runtime.
 */
@DatabaseTest
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	WebTestClient publicPort;

	private WebTestClient managementPort() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
	}

	private String scrape() {
		return managementPort().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void prometheusScrapesTheManagementPortAndTheApplicationsOwnMeters() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		this.publicPort.get().uri("/api/banks").exchange(); // at least one request in http.server.requests
		String metrics = scrape();
		assertThat(metrics).contains("jvm_threads_live_threads")
			.contains("http_server_requests_seconds_count")
			.contains("r2dbc_pool_acquired_connections");
		managementPort().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void gradingTimesAreHistogramsThatPrometheusCanTakePercentilesOf() {
		Api candidate = Api.newCandidate(this.publicPort);
		JsonNode interview = candidate.begin(Map.of("bankId", SeedBank.ID, "questionCount", 1));
		assertThat(candidate.answer(interview, interview.get("currentTurn"), "An answer to be timed."))
			.extracting(Api.Event::name)
			.contains("verdict");
		String metrics = scrape();
		// buckets (histogram_quantile across instances), not client-side percentiles that cannot be aggregated
		for (String timer : new String[] { "rehearse_grading_saved_seconds", "rehearse_grading_first_feedback_seconds",
				"rehearse_grading_verdict_seconds" }) {
			assertThat(metrics).as(timer).containsPattern(Pattern.quote(timer + "_bucket{") + "[^}]*le=\"\\+Inf\"")
				.containsPattern("(?m)^" + Pattern.quote(timer + "_count") + "\\S* [1-9]");
		}
		assertThat(metrics).containsPattern("(?m)^rehearse_answers_total\\S* [1-9]")
			.contains("rehearse_gradings_active")
			.contains("rehearse_gradings_queued");
	}

	@Test
	void thePublicPortServesNoMetricsButHealthForLoadBalancers() {
		this.publicPort.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
		this.publicPort.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		this.publicPort.get().uri("/readyz").exchange().expectStatus().isOk();
		this.publicPort.get().uri("/livez").exchange().expectStatus().isOk();
	}

	@Test
	void logLinesOfARequestCarryItsTraceId(CapturedOutput output) {
		// A refused request logs one warning line, written while the request is handled.
		this.publicPort.get().uri("/api/banks?category={value}", "a\u0001b").exchange().expectStatus().isBadRequest();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Refused GET /api/banks")))
			.isNotEmpty()
			.allMatch((line) -> Pattern.compile("\\b[0-9a-f]{32}\\b").matcher(line).find(), "carries a trace id");
	}

	@Test
	void noReactorOperatorRestoresAThreadLocalOnceTheServiceRuns() {
		// the observation's and Spring Security's accessors are all gone: system/Traces
		assertThat(io.micrometer.context.ContextRegistry.getInstance().getThreadLocalAccessors()).isEmpty();
	}

	@Test
	void theEmbeddingRuntimesCudaProbingIsNotLogged() {
		assertThat(LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").isWarnEnabled()).isFalse();
		assertThat(LoggerFactory.getLogger("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer").isWarnEnabled()).isFalse();
		assertThat(LoggerFactory.getLogger("ai.djl").isErrorEnabled()).isTrue();
	}

}
