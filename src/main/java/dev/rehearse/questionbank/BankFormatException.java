package dev.rehearse.questionbank;

/**
 * A bank file that cannot be read as a bank, with the line where the problem is.
 */
class BankFormatException extends RuntimeException {

	private final int line;

	BankFormatException(int line, String message) {
		super(message);
		this.line = line;
	}

	/** 1-based line of the problem, 0 when it concerns the file as a whole. */
	int line() {
		return this.line;
	}

}
