package dev.rehearse.questionbank;

import java.util.List;

/**
 * What loading the banks did, file by file.
 *
 * @param files one entry per bank file: the shipped ones, then the directory's, each in file name
 * order; a directory file identical to a shipped one is not listed again
 */
record ReloadReport(List<FileReport> files) {

	ReloadReport {
		files = List.copyOf(files);
	}

	long count(String status) {
		return this.files.stream().filter((file) -> file.status().equals(status)).count();
	}

	/**
	 * What loading one file did.
	 *
	 * @param file the file name, without any directory
	 * @param source where it came from: {@code classpath} (shipped inside the application) or
	 * {@code directory} (the banks directory)
	 * @param bankId the bank it holds, null when it could not be read far enough to tell
	 * @param status {@code loaded} (stored, new or changed), {@code unchanged} (same content as
	 * stored), {@code overridden} (a shipped file whose bank id a directory file
	 * also declares: the directory's file is the one loaded) or {@code failed} (skipped, see
	 * {@code error})
	 * @param questions the bank's current questions after loading (0 when failed or overridden)
	 * @param retired questions retired by this load because the file no longer has them
	 * @param error why the file was skipped, null unless failed
	 */
	record FileReport(String file, String source, String bankId, String status, long questions, long retired,
			Error error) {

		static final String LOADED = "loaded";

		static final String UNCHANGED = "unchanged";

		static final String OVERRIDDEN = "overridden";

		static final String FAILED = "failed";

	}

	/**
	 * Why a file was skipped.
	 *
	 * @param line 1-based line of the problem, null when it concerns the whole file
	 * @param message what is wrong
	 */
	record Error(Integer line, String message) {
	}

}
