package dev.rehearse.examiner;

/**
 * Grading could not be done (the model failed and falling back is switched off). The answer
 * stays saved and can be graded again later.
 */
public class GradingFailedException extends RuntimeException {

	public GradingFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
