package dev.rehearse.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import reactor.core.publisher.Mono;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's reactive repository over R2DBC: sessions are rows of {@code web_session}, so
 * that a user signed in through one instance is signed in on all of them. The attribute map is
 * stored Java-serialized (it holds Spring Security's context). Expired rows are ignored when read
 * and deleted by {@link #deleteExpired()}.
 * <p>
 * A session read from the table is written back only when it changed: new or removed
 * attributes, a new id or timeout, or a last access more than {@link #ACCESS_WRITE_INTERVAL}
 * after the stored one. Spring Session saves after every request, and writing
 * {@code lastAccessedTime} each time was a database write per API call; the price is an expiry up
 * to that interval earlier than the exact one.
 * <p>
 * Reading a session used to decode and Java-deserialize its attributes on every request, the
 * heaviest part of an API call after the password hash (docs/benchmarks.md). Decoded attributes
 * are now kept per session id with the MD5 digest of their stored bytes: the read asks PostgreSQL
 * for the digest and sends the bytes only when they differ from the kept ones, so a session
 * changed or removed through another instance is still seen at once.
 */
class PostgresSessionRepository implements ReactiveSessionRepository<PostgresSessionRepository.StoredSession> {

	/** How stale the stored last access may get before a request that changed nothing writes it. */
	static final Duration ACCESS_WRITE_INTERVAL = Duration.ofMinutes(1);

	private final DatabaseClient database;

	private final Duration timeout;

	private final SerializingConverter serializer = new SerializingConverter();

	private final DeserializingConverter deserializer;

	/** Decoded attributes by session id, with the digest of the bytes they were decoded from. */
	private final Cache<String, Decoded> decoded;

	PostgresSessionRepository(DatabaseClient database, Duration timeout, ClassLoader classLoader) {
		this(database, timeout, classLoader, 10_000);
	}

	PostgresSessionRepository(DatabaseClient database, Duration timeout, ClassLoader classLoader, long keptSessions) {
		this.database = database;
		this.timeout = timeout;
		this.deserializer = new DeserializingConverter(classLoader);
		this.decoded = Caffeine.newBuilder().maximumSize(keptSessions).expireAfterAccess(timeout).build();
	}

	@Override
	public Mono<StoredSession> createSession() {
		return Mono.fromSupplier(() -> {
			MapSession session = new MapSession();
			session.setMaxInactiveInterval(this.timeout);
			return new StoredSession(session, null);
		});
	}

	@Override
	public Mono<Void> save(StoredSession stored) {
		if (!stored.changed()) {
			return Mono.empty();
		}
		MapSession session = stored.session;
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
		return dropOldId.then(upsert).doOnSuccess((done) -> {
			stored.written();
			this.decoded.put(session.getId(), new Decoded(md5(bytes), Collections.unmodifiableMap(attributes)));
		});
	}

	@Override
	public Mono<StoredSession> findById(String id) {
		Decoded kept = this.decoded.getIfPresent(id);
		return this.database
			.sql("""
					select created_at, last_accessed_at, max_inactive_seconds, md5(attributes) as digest,
					       case when md5(attributes) = :kept then null else attributes end as attributes
					from web_session where id = :id and expires_at > now()""")
			.bind("id", id)
			.bind("kept", (kept != null) ? kept.digest() : "")
			.map((row) -> {
				String digest = row.get("digest", String.class);
				Map<String, Object> attributes;
				if (kept != null && kept.digest().equals(digest)) {
					attributes = kept.attributes();
				}
				else {
					attributes = attributes(row.get("attributes", byte[].class));
					this.decoded.put(id, new Decoded(digest, attributes));
				}
				MapSession session = new MapSession(id);
				session.setCreationTime(row.get("created_at", OffsetDateTime.class).toInstant());
				session.setLastAccessedTime(row.get("last_accessed_at", OffsetDateTime.class).toInstant());
				session.setMaxInactiveInterval(Duration.ofSeconds(row.get("max_inactive_seconds", Integer.class)));
				attributes.forEach(session::setAttribute);
				return new StoredSession(session, session.getLastAccessedTime());
			})
			.one()
			.switchIfEmpty(Mono.fromRunnable(() -> this.decoded.invalidate(id)))
			// written by an incompatible version of the application: sign in again
			.onErrorResume(UnreadableSession.class, (ex) -> deleteById(id).then(Mono.empty()));
	}

	/** Attributes as decoded from stored bytes whose MD5 digest (lower-case hex, as PostgreSQL's) is given. */
	private record Decoded(String digest, Map<String, Object> attributes) {

	}

	private static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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
		this.decoded.invalidate(id);
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

	/**
	 * A session as this repository read or created it, knowing whether it changed since: Spring
	 * Session's {@link MapSession} with a note of every write.
	 */
	static final class StoredSession implements Session {

		private final MapSession session;

		/** When the stored row was last accessed; null while the session was never written. */
		private Instant storedAccess;

		private String storedId;

		private Duration storedTimeout;

		private boolean attributesChanged;

		StoredSession(MapSession session, Instant storedAccess) {
			this.session = session;
			this.storedAccess = storedAccess;
			this.storedId = session.getId();
			this.storedTimeout = session.getMaxInactiveInterval();
		}

		boolean changed() {
			return this.storedAccess == null || this.attributesChanged || !this.session.getId().equals(this.storedId)
					|| !this.session.getMaxInactiveInterval().equals(this.storedTimeout)
					|| this.session.getLastAccessedTime().isAfter(this.storedAccess.plus(ACCESS_WRITE_INTERVAL));
		}

		void written() {
			this.storedAccess = this.session.getLastAccessedTime();
			this.storedId = this.session.getId();
			this.storedTimeout = this.session.getMaxInactiveInterval();
			this.attributesChanged = false;
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public String changeSessionId() {
			return this.session.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return this.session.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.session.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.attributesChanged = true;
			this.session.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.attributesChanged = true;
			this.session.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return this.session.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			this.session.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.session.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.session.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.session.isExpired();
		}

	}

}
