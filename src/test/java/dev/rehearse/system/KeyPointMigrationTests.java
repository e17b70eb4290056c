package dev.rehearse.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.rehearse.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 brings key points stored as plain strings (before they had titles) to {title, detail}
 * objects: bank questions, turn snapshots and the points inside stored verdicts. Runs the real
 * migrations on a schema of its own in the test PostgreSQL, stopping at V4 to write old data.
 */
class KeyPointMigrationTests {

	@Test
	void plainStringKeyPointsBecomeTitledObjectsEverywhereTheyAreStored() throws Exception {
		TestDatabase database = TestDatabase.get();
		String schema = "v5_" + UUID.randomUUID().toString().replace("-", "");
		Flyway.configure()
			.dataSource(database.url(), database.username(), database.password())
			.schemas(schema)
			.target("4")
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); Statement sql = connection.createStatement()) {
			sql.execute("set search_path to " + schema);
			sql.execute("insert into bank (id, title, language, source_file, content_hash) values ('b', 'B', 'zh', 'b.txt', 'h')");
			sql.execute("insert into category (id, bank_id, name, position) values ('b/c', 'b', 'c', 1)");
			UUID question = UUID.randomUUID();
			sql.execute("insert into question (id, bank_id, category_id, position, text, reference_answer, key_points, "
					+ "language, source_file, source_line) values ('" + question + "', 'b', 'b/c', 1, 'Q?', 'A', "
					+ "'[\"数据稀缺性:某些领域的数据可能相对较少。\", \"Unreachable cycles are collected too\"]', 'zh', 'b.txt', 1)");
			sql.execute("insert into app_user (username, password_hash) values ('migrating', 'x')");
			UUID interview = UUID.randomUUID();
			sql.execute("insert into interview (id, user_id, bank_id, bank_title, language, mode, status, question_ids, "
					+ "examiner_kind, examiner_provider, examiner_model) select '" + interview + "', id, 'b', 'B', 'zh', "
					+ "'normal', 'FINISHED', '[]', 'offline', 'local', 'm' from app_user where username = 'migrating'");
			sql.execute("insert into turn (id, interview_id, position, question_id, category, kind, spoken_text, "
					+ "question_text, reference_answer, key_points, status, verdict) values ('" + UUID.randomUUID()
					+ "', '" + interview + "', 1, '" + question + "', 'c', 'QUESTION', 'Q?', 'Q?', 'A', "
					+ "'[\"数据稀缺性:某些领域的数据可能相对较少。\"]', 'GRADED', "
					+ "'{\"score\": 3, \"keyPoints\": [{\"point\": \"数据稀缺性:某些领域的数据可能相对较少。\", "
					+ "\"coverage\": \"MISSED\", \"evidence\": \"\"}], \"strengths\": [], \"improvements\": []}')");
		}
		Flyway.configure()
			.dataSource(database.url(), database.username(), database.password())
			.schemas(schema)
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); Statement sql = connection.createStatement()) {
			sql.execute("set search_path to " + schema);
			assertThat(one(sql, "select key_points::text from question")).isEqualTo(
					"[{\"title\": \"数据稀缺性\", \"detail\": \"某些领域的数据可能相对较少。\"}, "
							+ "{\"title\": \"Unreachable cycles are collected too\", \"detail\": \"\"}]");
			assertThat(one(sql, "select key_points::text from turn"))
				.isEqualTo("[{\"title\": \"数据稀缺性\", \"detail\": \"某些领域的数据可能相对较少。\"}]");
			assertThat(one(sql, "select (verdict -> 'keyPoints')::text from turn")).isEqualTo(
					"[{\"title\": \"数据稀缺性\", \"detail\": \"某些领域的数据可能相对较少。\", \"coverage\": \"MISSED\", \"evidence\": \"\"}]");
			sql.execute("drop schema " + schema + " cascade");
		}
	}

	private static String one(Statement sql, String query) throws Exception {
		try (ResultSet rows = sql.executeQuery(query)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

}
