package dev.rehearse.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries on the class path, with its data kept in a
 * directory so that a restart finds everything where it was left.
 * <p>
 * One directory serves one running instance: a second one is refused with a clear message
 * before PostgreSQL is touched, rather than risking two servers on the same files. A PostgreSQL
 * left running on the directory by an instance that died without stopping it ({@code kill -9},
 * a crashed JVM) is stopped first, so that one restart is enough.
 */
final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabase.class);

	/** How long a PostgreSQL left behind may take for its shutdown checkpoint. */
	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * How long PostgreSQL may take to start: the library's 10 seconds are too few for crash
	 * recovery on a busy small machine.
	 */
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

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
			// the lock is ours, so no live instance owns a PostgreSQL still running here
			stopOrphan(directory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setPGStartupWait(STARTUP_TIMEOUT)
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

	/**
	 * Stops the PostgreSQL named in the directory's {@code postmaster.pid} if it still runs. Only
	 * called with the directory's lock held: its instance is gone, and this PostgreSQL would
	 * refuse to let a new one start on the same files.
	 */
	static void stopOrphan(Path directory) throws IOException {
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid;
		try (var lines = Files.lines(pidFile)) {
			pid = Long.parseLong(lines.findFirst().orElse("").strip());
		}
		catch (NumberFormatException ex) {
			return; // being written or damaged: PostgreSQL judges it itself
		}
		ProcessHandle postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
		if (postmaster == null) {
			return; // a stale file from a dead server: PostgreSQL replaces it itself
		}
		// the number may since have been given to an unrelated process: never stop anything but PostgreSQL
		String command = postmaster.info().command().orElse(null);
		if (command == null) {
			throw new IllegalStateException("Process " + pid + " named in " + pidFile + " is still running and "
					+ "cannot be inspected; stop it if it is PostgreSQL, or remove the file, then start again.");
		}
		if (!command.endsWith("/postgres") && !command.endsWith("/postmaster")) {
			logger.warn("Removing {}: process {} it names is {}, not PostgreSQL", pidFile, pid, command);
			Files.delete(pidFile);
			return;
		}
		logger.warn("The embedded PostgreSQL (pid {}) of an instance that stopped without shutting it down still "
				+ "holds {}; stopping it", pid, directory);
		// SIGTERM, a smart shutdown: quick, since its clients died with their instance
		postmaster.destroy();
		try {
			postmaster.onExit().get(ORPHAN_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping the embedded PostgreSQL " + pid, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The embedded PostgreSQL (pid " + pid + ") left running on " + directory
					+ " did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + " s; stop it (kill " + pid
					+ ") and start again.", ex);
		}
		logger.info("Stopped the embedded PostgreSQL (pid {}) left running on {}", pid, directory);
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
