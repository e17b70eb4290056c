package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One bank file read from the banks directory: its name, the hash that tells whether it changed,
 * and the bank parsed from it by the parser its extension names.
 *
 * @param file the file name, relative to the banks directory
 * @param contentHash SHA-256 of the parsing rules' version and the file's bytes
 * @param bank the parsed bank
 */
record BankFile(String file, String contentHash, ParsedBank bank) {

	/**
	 * Bumped whenever parsing changes what is stored, so that unchanged files are stored again
	 * with the new rules instead of being skipped as "unchanged".
	 */
	static final String PARSING_VERSION = "banks-parsing-2";

	/** Whether the banks directory's file is one Rehearse reads as a bank. */
	static boolean isBankFile(Path path) {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		return Files.isRegularFile(path) && !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".md"));
	}

	/** The bank files of a directory in name order; empty when the directory does not exist. */
	static List<Path> list(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(BankFile::isBankFile).sorted().toList();
		}
	}

	/**
	 * Reads and parses a bank file (blocking).
	 * @throws BankFormatException when it is not a valid bank
	 */
	static BankFile read(Path path) throws IOException {
		String name = path.getFileName().toString();
		byte[] bytes = Files.readAllBytes(path);
		String content;
		try {
			content = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new BankFormatException(0, "the file is not UTF-8 text");
		}
		String defaultId = idFromFileName(name);
		ParsedBank bank = name.toLowerCase(Locale.ROOT).endsWith(".md") ? MarkdownBankParser.parse(defaultId, content)
				: ArticleBankParser.parse(defaultId, content);
		return new BankFile(name, hash(bytes), bank);
	}

	/** {@code 000_ea10622d267c88e5.txt} → {@code 000_ea10622d267c88e5}; {@code My Bank.md} → {@code my-bank}. */
	static String idFromFileName(String fileName) {
		int dot = fileName.lastIndexOf('.');
		String stem = (dot > 0) ? fileName.substring(0, dot) : fileName;
		String id = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+", "");
		if (id.isEmpty()) {
			throw new BankFormatException(0, "cannot derive a bank id from the file name; declare 'id:' in the file");
		}
		return (id.length() > 100) ? id.substring(0, 100) : id;
	}

	private static String hash(byte[] bytes) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(PARSING_VERSION.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			return HexFormat.of().formatHex(digest.digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
