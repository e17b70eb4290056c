package dev.rehearse.interview;

import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;

/** A move the interview's or turn's state does not allow right now: a 409 problem. */
class IllegalTransitionException extends ApiProblem {

	/** The detail as a message code ({@code messages.properties}) and its arguments. */
	IllegalTransitionException(String detailCode, Object... arguments) {
		super(HttpStatus.CONFLICT, detailCode, arguments);
	}

}
