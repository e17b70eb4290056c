package dev.rehearse.questionbank;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One bank file read from the classpath or the banks directory: its name, the hash that tells
 * whether it changed, and the bank its {@link BankFormat} parsed from it.
 *
 * @param file the file name, without any directory
 * @param contentHash SHA-256 of the parsing rules' version and the file's bytes
 * @param bank the parsed bank
 */
record BankFile(String file, String contentHash, ParsedBank bank) {

	/**
	 * Bumped whenever parsing changes what is stored, so that unchanged files are stored again
	 * with the new rules instead of being skipped as "unchanged".
	 */
	static final String PARSING_VERSION = "banks-parsing-3";

	/**
	 * Parses a bank file's bytes with its format.
	 * @param name the file name, without any directory
	 * @throws BankFormatException when it is not UTF-8 text or not a valid bank
	 */
	static BankFile read(String name, byte[] bytes, BankFormat format) {
		ParsedBank bank = format.parse(idFromFileName(name), decode(bytes));
		return new BankFile(name, hash(bytes), bank);
	}

	/**
	 * A bank file's text.
	 * @throws BankFormatException when it is not UTF-8
	 */
	static String decode(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new BankFormatException(0, "the file is not UTF-8 text");
		}
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

	static String hash(byte[] bytes) {
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
