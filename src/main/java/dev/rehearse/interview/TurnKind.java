package dev.rehearse.interview;

import com.fasterxml.jackson.annotation.JsonValue;

/** A turn asks a planned question of the bank, or follows one up on a missed key point. */
enum TurnKind {

	QUESTION("question"), FOLLOW_UP("follow-up");

	private final String json;

	TurnKind(String json) {
		this.json = json;
	}

	@JsonValue
	String json() {
		return this.json;
	}

}
