package dev.rehearse.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a second start on the same embedded data directory into Spring Boot's short
 * "APPLICATION FAILED TO START" report instead of a page of stack trace.
 */
class EmbeddedDatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseInUseException cause) {
		return new FailureAnalysis(
				"The embedded PostgreSQL data directory " + cause.directory()
						+ " is already in use by another running Rehearse instance.",
				"Stop the other instance, or give this one its own directory (REHEARSE_DATA_DIR=...), or let "
						+ "both share one PostgreSQL server (DB_URL=jdbc:postgresql://host:5432/rehearse, see "
						+ "docker-compose.yml).",
				cause);
	}

}
