package dev.rehearse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
class RehearseApplicationIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Test
	void startsWithoutAnyModelAndReportsReadyOnThePublicPort() {
		this.client.get().uri("/readyz").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void flywayOwnsTheSchemaOnRealPostgres() {
		String version = this.database.sql("select version()").map((row) -> row.get(0, String.class)).one().block();
		assertThat(version).startsWith("PostgreSQL");
		Long tables = this.database
			.sql("select count(*) from information_schema.tables where table_name in ('bank', 'category', 'question')")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(tables).isEqualTo(3);
	}

}
