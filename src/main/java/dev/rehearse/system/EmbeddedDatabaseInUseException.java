package dev.rehearse.system;

import java.nio.file.Path;

/**
 * Another running instance holds the embedded database's directory.
 */
class EmbeddedDatabaseInUseException extends IllegalStateException {

	private final Path directory;

	EmbeddedDatabaseInUseException(Path directory) {
		super("The embedded database in " + directory + " is already in use by another Rehearse instance. "
				+ "Stop that instance, or give this one its own directory (REHEARSE_DATA_DIR) or a shared "
				+ "PostgreSQL server (DB_URL).");
		this.directory = directory;
	}

	Path directory() {
		return this.directory;
	}

}
