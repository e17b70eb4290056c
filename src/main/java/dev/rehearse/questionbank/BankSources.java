package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Where bank files come from: the banks shipped inside the application (the repository's
 * {@code seeds/}, copied by the build to {@code banks/} on the classpath), then a directory that
 * adds banks or overrides shipped ones by id.
 *
 * @param shippedPattern classpath pattern of the shipped bank files, null for none
 * @param directory the banks directory, null for none; a missing directory holds nothing
 */
record BankSources(String shippedPattern, Path directory) {

	/** The banks the build copies from {@code seeds/} into the jar. */
	static final String SHIPPED = "classpath*:banks/*";

	static final String CLASSPATH = "classpath";

	static final String DIRECTORY = "directory";

	/** The shipped banks and those of the directory: what the service serves. */
	static BankSources shippedAnd(Path directory) {
		return new BankSources(SHIPPED, directory);
	}

	/** Only the directory's banks. */
	static BankSources directoryOnly(Path directory) {
		return new BankSources(null, directory);
	}

	/**
	 * The bank files some format reads: the shipped ones, then the directory's, each in name
	 * order. Hidden files and subdirectories are left out.
	 */
	List<Found> find(Predicate<String> readable) throws IOException {
		Predicate<String> wanted = (name) -> name != null && !name.startsWith(".") && readable.test(name);
		List<Found> found = new ArrayList<>();
		if (this.shippedPattern != null) {
			ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(BankSources.class.getClassLoader());
			Stream.of(resolver.getResources(this.shippedPattern))
				.filter((resource) -> resource.isReadable() && wanted.test(resource.getFilename()))
				.sorted(Comparator.comparing(Resource::getFilename))
				.forEach((resource) -> found.add(new Found(CLASSPATH, resource)));
		}
		if (this.directory != null && Files.isDirectory(this.directory)) {
			try (Stream<Path> files = Files.list(this.directory)) {
				files.filter((path) -> Files.isRegularFile(path) && wanted.test(path.getFileName().toString()))
					.sorted()
					.forEach((path) -> found.add(new Found(DIRECTORY, new FileSystemResource(path))));
			}
		}
		return found;
	}

	/** Where the banks are read from, for the log. */
	String describe() {
		String directoryText = (this.directory != null) ? this.directory.toAbsolutePath().normalize().toString() : null;
		if (this.shippedPattern == null) {
			return String.valueOf(directoryText);
		}
		return "the classpath (" + this.shippedPattern + ")" + ((directoryText != null) ? " and " + directoryText : "");
	}

	/**
	 * A bank file found, not read yet.
	 *
	 * @param source {@link #CLASSPATH} (shipped) or {@link #DIRECTORY}
	 * @param resource the file
	 */
	record Found(String source, Resource resource) {

		String name() {
			return this.resource.getFilename();
		}

		/** The file as the log and error messages name it. */
		String describe() {
			return CLASSPATH.equals(this.source) ? name() + " (shipped)" : name();
		}

	}

}
