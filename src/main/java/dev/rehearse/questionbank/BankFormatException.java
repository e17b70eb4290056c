package dev.rehearse.questionbank;

import java.util.List;

/**
 * A bank file that cannot be read as a bank, with the line where the problem is (and, from a
 * parser that reads on past a problem, every other problem it found).
 */
class BankFormatException extends RuntimeException {

	private final List<ParsedBank.Warning> problems;

	BankFormatException(int line, String message) {
		this(List.of(new ParsedBank.Warning(line, message)));
	}

	/** Every problem found, in line order; the first one is the message. */
	BankFormatException(List<ParsedBank.Warning> problems) {
		super(problems.get(0).message());
		this.problems = List.copyOf(problems);
	}

	/** 1-based line of the (first) problem, 0 when it concerns the file as a whole. */
	int line() {
		return this.problems.get(0).line();
	}

	/** Every problem found, at least one. */
	List<ParsedBank.Warning> problems() {
		return this.problems;
	}

}
