package dev.rehearse.web;

import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI works under its own Content-Security-Policy header: real headless Chromium reports any
 * resource or inline style a policy blocks as a console error. (The web chat's own policy is covered
 * by {@link WebChatBrowserIntegrationTests}, which allows no unexpected console error.)
 */
@DatabaseTest
class SwaggerUiBrowserIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void swaggerUiRendersTheApiWithNothingBlockedByItsPolicy() {
		try (HeadlessChromium browser = HeadlessChromium.open("http://localhost:" + this.port, "en-US")) {
			browser.run("swagger-ui", () -> {
				browser.go("/swagger-ui.html");
				assertThat(browser.find(".swagger-ui .info .title").getText()).isNotBlank();
				assertThat(browser.find(".swagger-ui .opblock").isDisplayed()).isTrue();
				assertThat(browser.consoleErrors()).isEmpty();
			});
		}
	}

}
