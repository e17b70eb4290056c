package dev.rehearse.examiner;

/**
 * The model's reply had no usable verdict block: no marker, no JSON, or a score that is not a
 * number from 0 to 10.
 */
class MalformedVerdictException extends RuntimeException {

	MalformedVerdictException(String message) {
		super(message);
	}

	MalformedVerdictException(String message, Throwable cause) {
		super(message, cause);
	}

}
