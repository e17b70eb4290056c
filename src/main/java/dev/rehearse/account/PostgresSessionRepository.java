package dev.rehearse.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;

/**
 * Spring Session's reactive repository over R2DBC: sessions are rows of {@code web_session}, so
 * that a user signed in through one instance is signed in on all of them. The attribute map is
 * stored Java-serialized (it holds Spring Security's context). Expired rows are ignored when read
 * and deleted by {@link #deleteExpired()}.
 */
class PostgresSessionRepository implements ReactiveSessionRepository<MapSession> {

	private final DatabaseClient database;

	private final Duration timeout;

	private final SerializingConverter serializer = new SerializingConverter();

	private final DeserializingConverter deserializer;

	PostgresSessionRepository(DatabaseClient database, Duration timeout, ClassLoader classLoader) {
		this.database = database;
		this.timeout = timeout;
		this.deserializer = new DeserializingConverter(classLoader);
	}

	@Override
	public Mono<MapSession> createSession() {
		return Mono.fromSupplier(() -> {
			MapSession session = new MapSession();
			session.setMaxInactiveInterval(this.timeout);
			return session;
		});
	}

	@Override
	public Mono<Void> save(MapSession session) {
		Map<String, Object> attributes = new HashMap<>();
		for (String name : session.getAttributeNames()) {
			attributes.put(name, session.getAttribute(name));
		}
		byte[] bytes = this.serializer.convert(attributes);
		Instant expires = session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
		Mono<Void> dropOldId = session.getId().equals(session.getOriginalId()) ? Mono.empty()
				: deleteById(session.getOriginalId());
		String principal = principal(attributes);
		DatabaseClient.GenericExecuteSpec spec = this.database
			.sql("""
					insert into web_session (id, principal_name, created_at, last_accessed_at, max_inactive_seconds,
					                         expires_at, attributes)
					values (:id, :principal, :created, :accessed, :maxInactive, :expires, :attributes)
					on conflict (id) do update set principal_name = excluded.principal_name,
					    last_accessed_at = excluded.last_accessed_at, max_inactive_seconds = excluded.max_inactive_seconds,
					    expires_at = excluded.expires_at, attributes = excluded.attributes""")
			.bind("id", session.getId())
			.bind("created", at(session.getCreationTime()))
			.bind("accessed", at(session.getLastAccessedTime()))
			.bind("maxInactive", (int) session.getMaxInactiveInterval().toSeconds())
			.bind("expires", at(expires))
			.bind("attributes", bytes);
		Mono<Void> upsert = ((principal != null) ? spec.bind("principal", principal) : spec.bindNull("principal", String.class))
			.then();
		return dropOldId.then(upsert);
	}

	@Override
	public Mono<MapSession> findById(String id) {
		return this.database
			.sql("select * from web_session where id = :id and expires_at > now()")
			.bind("id", id)
			.map((row) -> {
				Map<String, Object> attributes = attributes(row.get("attributes", byte[].class));
				MapSession session = new MapSession(id);
				session.setCreationTime(row.get("created_at", OffsetDateTime.class).toInstant());
				session.setLastAccessedTime(row.get("last_accessed_at", OffsetDateTime.class).toInstant());
				session.setMaxInactiveInterval(Duration.ofSeconds(row.get("max_inactive_seconds", Integer.class)));
				attributes.forEach(session::setAttribute);
				return session;
			})
			.one()
			// written by an incompatible version of the application: sign in again
			.onErrorResume(UnreadableSession.class, (ex) -> deleteById(id).then(Mono.empty()));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> attributes(byte[] bytes) {
		try {
			return (Map<String, Object>) this.deserializer.convert(bytes);
		}
		catch (RuntimeException ex) {
			throw new UnreadableSession(ex);
		}
	}

	/** A stored session that cannot be deserialized. */
	private static final class UnreadableSession extends RuntimeException {

		UnreadableSession(Throwable cause) {
			super(cause);
		}

	}

	@Override
	public Mono<Void> deleteById(String id) {
		return this.database.sql("delete from web_session where id = :id").bind("id", id).then();
	}

	/** Deletes the sessions that have expired; returns how many. */
	Mono<Long> deleteExpired() {
		return this.database.sql("delete from web_session where expires_at <= now()").fetch().rowsUpdated();
	}

	private static String principal(Map<String, Object> attributes) {
		Object context = attributes
			.get(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
		if (context instanceof SecurityContext security && security.getAuthentication() != null) {
			return security.getAuthentication().getName();
		}
		return null;
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
