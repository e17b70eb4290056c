package dev.rehearse.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rehearse.DatabaseTest;
import dev.rehearse.account.PostgresSessionRepository.StoredSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session repository keeps decoded attributes between requests, yet sees at once what another
 * instance changed or removed: two repositories on one database stand for two instances.
 */
@DatabaseTest
class PostgresSessionRepositoryIntegrationTests {

	@Autowired
	DatabaseClient database;

	private PostgresSessionRepository instance() {
		return new PostgresSessionRepository(this.database, Duration.ofMinutes(30), getClass().getClassLoader());
	}

	@Test
	void aSessionReadAgainIsNotDecodedAgain() {
		PostgresSessionRepository repository = instance();
		String id = saved(repository, new ArrayList<>(List.of("a")));
		PostgresSessionRepository other = instance();

		StoredSession first = other.findById(id).block();
		StoredSession second = other.findById(id).block();

		assertThat(first.<List<String>>getAttribute("list")).containsExactly("a");
		// the same object: the second read took the kept attributes, not a second deserialization
		assertThat(second.<Object>getAttribute("list")).isSameAs(first.getAttribute("list"));
	}

	@Test
	void whatAnotherInstanceChangesOrRemovesIsSeenAtOnce() {
		PostgresSessionRepository one = instance();
		PostgresSessionRepository two = instance();
		String id = saved(one, new ArrayList<>(List.of("a")));
		assertThat(two.findById(id).block().<List<String>>getAttribute("list")).containsExactly("a");

		StoredSession changed = one.findById(id).block();
		changed.setAttribute("list", new ArrayList<>(List.of("a", "b")));
		one.save(changed).block();
		assertThat(two.findById(id).block().<List<String>>getAttribute("list")).containsExactly("a", "b");

		one.deleteById(id).block();
		assertThat(two.findById(id).blockOptional()).isEmpty();
	}

	@Test
	void anInstanceSeesItsOwnWritesWithoutDecodingThem() {
		PostgresSessionRepository repository = instance();
		ArrayList<String> list = new ArrayList<>(List.of("a"));
		String id = saved(repository, list);
		// the object written is the object read back: kept at the write, with the stored bytes' digest
		assertThat(repository.findById(id).block().<Object>getAttribute("list")).isSameAs(list);
	}

	private static String saved(PostgresSessionRepository repository, ArrayList<String> list) {
		StoredSession session = repository.createSession().block();
		session.setAttribute("list", list);
		repository.save(session).block();
		return session.getId();
	}

}
