package dev.rehearse.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries on the class path, with its data kept in a
 * directory so that a restart finds everything where it was left.
 * <p>
 * One directory serves one running instance: a second one is refused with a clear message
 * before PostgreSQL is touched, rather than risking two servers on the same files.
 */
final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private EmbeddedDatabase(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres, Path dataDirectory) {
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	static EmbeddedDatabase start(Path dataDirectory, int port) {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		FileChannel channel = null;
		try {
			Files.createDirectories(directory);
			Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				throw new EmbeddedDatabaseInUseException(directory);
			}
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setServerConfig("max_connections", "200")
				// the library turns this off for speed in tests; a saved answer must survive a crash
				.setServerConfig("synchronous_commit", "on");
			if (port > 0) {
				builder.setPort(port);
			}
			EmbeddedPostgres postgres = builder.start();
			logger.info("Using embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
			return new EmbeddedDatabase(channel, lock, postgres, directory);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new IllegalStateException("Could not start the embedded PostgreSQL in " + directory + ": "
					+ ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing more to release
			}
		}
	}

	PostgresConnectionDetails connectionDetails() {
		return new PostgresConnectionDetails("localhost", this.postgres.getPort(), "postgres", "postgres", null);
	}

	Path dataDirectory() {
		return this.dataDirectory;
	}

	@Override
	public void close() throws IOException {
		try {
			this.postgres.close();
		}
		finally {
			this.lock.release();
			this.lockChannel.close();
		}
	}

}
