package dev.rehearse.questionbank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;
import dev.rehearse.testsupport.TestUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.oneOf;

/**
 * Started with an empty banks directory, as a packaged jar started anywhere is: the banks shipped
 * inside the application are served all the same, under their usual ids.
 */
@DatabaseTest
class ShippedBanksIntegrationTests {

	@DynamicPropertySource
	static void emptyBanksDirectory(DynamicPropertyRegistry registry) {
		try {
			registry.add("rehearse.banks.directory", Files.createTempDirectory("rehearse-no-banks")::toString);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Autowired
	WebTestClient client;

	@BeforeEach
	void signIn() {
		this.client = TestUsers.admin(this.client);
	}

	@Test
	void servesBothShippedBanksFromTheClasspathWithAnEmptyBanksDirectory() {
		this.client.post()
			.uri("/api/admin/banks/reload")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.files[*].file").isEqualTo(List.of("000_ea10622d267c88e5.txt", "java-backend-basics.md"))
			.jsonPath("$.files[*].source").isEqualTo(List.of("classpath", "classpath"))
			.jsonPath("$.files[*].bankId").isEqualTo(List.of("000_ea10622d267c88e5", "java-backend-basics"))
			.jsonPath("$.files[*].questions").isEqualTo(List.of(6, 7))
			.jsonPath("$.files[*].status").value(everyItem(oneOf("loaded", "unchanged")));
		this.client.get()
			.uri("/api/banks/{bank}/questions", "000_ea10622d267c88e5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(6)
			.jsonPath("$[0].id").isEqualTo(BankRepository.questionId("000_ea10622d267c88e5", "Q1").toString());
	}

}
