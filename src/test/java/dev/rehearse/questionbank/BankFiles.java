package dev.rehearse.questionbank;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions of a banks directory exactly as the bank loader parses them (key points
 * included), without a database: for the examiner's ladder, which must grade against a bank's
 * own key points.
 */
public final class BankFiles {

	private static final List<BankFormat> FORMATS = List.of(new MarkdownBankFormat(), new ArticleBankFormat());

	private BankFiles() {
	}

	/**
	 * One question as its bank file gives it.
	 *
	 * @param bankId the bank's id
	 * @param text the question's text, its identity for the ladder
	 * @param referenceAnswer the reference answer
	 * @param keyPoints the key points as the loader derives them
	 * @param language the bank's language
	 */
	public record BankQuestion(String bankId, String text, String referenceAnswer, List<KeyPoint> keyPoints,
			String language) {
	}

	/** Every question of the directory's bank files, keyed by question text, in file order. */
	public static Map<String, BankQuestion> byText(Path directory) throws IOException {
		Map<String, BankQuestion> questions = new LinkedHashMap<>();
		for (BankSources.Found file : BankSources.directoryOnly(directory).find((name) -> formatOf(name) != null)) {
			ParsedBank bank = BankFile.read(file.name(), file.resource().getContentAsByteArray(), formatOf(file.name()))
				.bank();
			for (ParsedBank.ParsedQuestion question : bank.questions()) {
				questions.putIfAbsent(question.text(), new BankQuestion(bank.id(), question.text(),
						question.referenceAnswer(), question.keyPoints(), bank.language()));
			}
		}
		return questions;
	}

	/** The built-in formats, as the loader's beans would choose them. */
	private static BankFormat formatOf(String fileName) {
		return FORMATS.stream().filter((format) -> format.reads(fileName)).findFirst().orElse(null);
	}

}
