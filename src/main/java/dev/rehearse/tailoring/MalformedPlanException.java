package dev.rehearse.tailoring;

/** The model's reply holds no usable plan: the offline ranking plans instead. */
class MalformedPlanException extends RuntimeException {

	MalformedPlanException(String message) {
		super(message, null, false, false);
	}

}
