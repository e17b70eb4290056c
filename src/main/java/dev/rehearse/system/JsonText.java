package dev.rehearse.system;

/**
 * Finds a JSON object inside free text, as models write it: among prose, in code fences, with
 * braces inside its strings. One scanner for every reader of model output (the examiner's verdict,
 * the interview planner's plan).
 */
public final class JsonText {

	private JsonText() {
	}

	/**
	 * Where the JSON object that opens at {@code start} (a {@code '{'}) closes: the index just past
	 * its balanced {@code '}'}, braces inside strings (escapes included) not counted; -1 when the
	 * text ends first.
	 */
	public static int objectEnd(CharSequence text, int start) {
		int depth = 0;
		boolean inString = false;
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i + 1;
			}
		}
		return -1;
	}

}
