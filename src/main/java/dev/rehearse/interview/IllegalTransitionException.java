package dev.rehearse.interview;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A move the interview's or turn's state does not allow right now: a 409 problem. */
class IllegalTransitionException extends ErrorResponseException {

	IllegalTransitionException(String detail) {
		super(HttpStatus.CONFLICT, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setTitle("Conflict");
		return problem;
	}

}
