package dev.rehearse.questionbank;

import java.util.Locale;

/**
 * A file format question banks can be written in; every bean of this type is asked in turn
 * (in {@code @Order}) and the first that {@linkplain #reads reads} a file parses it, so a new
 * format is one {@code @Component} in this package and nothing else.
 */
interface BankFormat {

	/**
	 * Whether this format reads the file (by its name alone: nothing has been read yet).
	 * @param fileName the file's name, without any directory
	 */
	boolean reads(String fileName);

	/** The format's name as the upload preview shows it ({@code markdown}, {@code article}). */
	default String name() {
		return getClass().getSimpleName();
	}

	/**
	 * Whether text that came without a file name (pasted into the web chat) looks like this
	 * format; the upload asks every format in order and the first that says yes parses it.
	 * @param content the text
	 */
	default boolean recognises(String content) {
		return false;
	}

	/**
	 * Parses a file's text into a bank.
	 * @param bankId the bank id to use when the file declares none (derived from its name)
	 * @param content the file's text, already checked to be UTF-8
	 * @return the bank
	 * @throws BankFormatException naming the line of the first problem
	 */
	ParsedBank parse(String bankId, String content);

	/** Whether a file name ends with the extension, ignoring case ({@code ".md"}). */
	static boolean hasExtension(String fileName, String extension) {
		return fileName.toLowerCase(Locale.ROOT).endsWith(extension);
	}

}
