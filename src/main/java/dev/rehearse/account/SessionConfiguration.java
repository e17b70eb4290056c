package dev.rehearse.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * WebFlux sessions through Spring Session, stored in PostgreSQL: no instance keeps a login in
 * its own memory, so several instances can stand behind one load balancer without sticky
 * sessions.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringWebSession
@EnableScheduling
class SessionConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SessionConfiguration.class);

	@Bean
	PostgresSessionRepository reactiveSessionRepository(DatabaseClient database, AccountProperties properties) {
		return new PostgresSessionRepository(database, properties.sessionTimeout(),
				SessionConfiguration.class.getClassLoader());
	}

	/**
	 * The {@code SESSION} cookie: HttpOnly, {@code SameSite=Lax} (another site's forms and scripts do
	 * not carry it), and {@code Secure} whenever the request is HTTPS, directly or as forwarded
	 * headers tell it when {@code server.forward-headers-strategy} trusts them.
	 */
	@Bean
	WebSessionIdResolver webSessionIdResolver() {
		CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
		resolver.setCookieName("SESSION");
		resolver.addCookieInitializer((cookie) -> cookie.httpOnly(true).sameSite("Lax"));
		return resolver;
	}

	@Bean
	ExpiredSessionCleaner expiredSessionCleaner(PostgresSessionRepository sessions) {
		return new ExpiredSessionCleaner(sessions);
	}

	/** Deletes expired sessions now and then; any instance may do it, the delete is idempotent. */
	static class ExpiredSessionCleaner {

		private final PostgresSessionRepository sessions;

		ExpiredSessionCleaner(PostgresSessionRepository sessions) {
			this.sessions = sessions;
		}

		@Scheduled(fixedDelayString = "${rehearse.security.session-cleanup-interval:10m}",
				initialDelayString = "${rehearse.security.session-cleanup-interval:10m}")
		Mono<Void> deleteExpired() {
			return this.sessions.deleteExpired()
				.doOnNext((count) -> logger.debug("Deleted {} expired sessions", count))
				.onErrorResume((ex) -> {
					logger.warn("Could not delete expired sessions", ex);
					return Mono.empty();
				})
				.then();
		}

	}

}
