package dev.rehearse.examiner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.system.JsonText;

/**
 * Splits the model's streamed reply into the feedback the candidate reads and the verdict, the
 * way real models write it.
 * <p>
 * First, reasoning is taken out: {@code <think>…</think>} blocks (also {@code <thinking>},
 * {@code <reasoning>}) wherever they start, split across pieces or never closed, and, for models
 * whose chat template opens the block for them (QwQ, DeepSeek-R1 distills), everything before a
 * bare {@code </think>}. Such a model cannot be recognised before its {@code </think>} arrives, so
 * when told to ({@code holdUntilReasoningEnds}) the splitter releases nothing until it has seen
 * one or the reply has ended.
 * <p>
 * Then the visible text is split: from the first marker line ({@code <<<VERDICT …>>>}, any nonce
 * or none) on, nothing is feedback and the verdict is the text after the LAST marker. Before it,
 * JSON objects and code fences never pass as feedback: a JSON object (bare or in a
 * {@code ```json} fence) is held until it closes and then dropped, and the last one is kept as the
 * verdict of a reply that has no marker but ends with it; other fences pass without their fence
 * lines. Feedback is released as it arrives, holding back only what could still turn into one of
 * these (a partial marker, fence or tag at the end) and trailing whitespace. Not thread-safe: one
 * per attempt, fed in order.
 */
final class FeedbackSplitter {

	private static final Pattern REASONING_TAG = Pattern.compile("<\\s*(/?)\\s*(?:think|thinking|reasoning)\\s*>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HAZARD = Pattern.compile("(<<<\\s*VERDICT)|(```)|(\\{)", Pattern.CASE_INSENSITIVE);

	private static final Pattern MARKER = Pattern.compile("<<<\\s*VERDICT", Pattern.CASE_INSENSITIVE);

	private static final Pattern MARKER_LINE_END = Pattern.compile("^[^{\\n]*?>>>");

	private static final Pattern JSON_FENCE_LANGUAGE = Pattern.compile("(?i)\\s*(?:json[c5]?)?\\s*");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int LONGEST_PARTIAL = 24;

	// Stage 1: reasoning out
	private final StringBuilder raw = new StringBuilder();

	private int rawAt;

	private boolean inReasoning;

	private boolean holdUntilReasoningEnds;

	private boolean sawBareClose;

	private boolean rawEnded;

	// Stage 2: visible text into feedback, JSON and verdict
	private final StringBuilder visible = new StringBuilder();

	private int at;

	private int verdictAt = -1;

	private String lastJson;

	private boolean textSinceJson;

	private final StringBuilder out = new StringBuilder();

	private boolean releasedAny;

	/** A splitter that streams feedback at once (for a model not known to open its reasoning implicitly). */
	FeedbackSplitter() {
		this(false);
	}

	/**
	 * @param holdUntilReasoningEnds whether to release nothing until a bare {@code </think>} has
	 * been seen or the reply has ended (for a model that may reason without an opening tag)
	 */
	FeedbackSplitter(boolean holdUntilReasoningEnds) {
		this.holdUntilReasoningEnds = holdUntilReasoningEnds;
	}

	/** Takes the next piece of the reply; returns the feedback that can be released now (maybe empty). */
	String accept(String piece) {
		if (piece != null && !piece.isEmpty()) {
			this.raw.append(piece);
			this.visible.append(reason());
			split();
		}
		return drain(false);
	}

	/** Ends the reply; returns the feedback still held back (maybe empty). */
	String finish() {
		this.rawEnded = true;
		this.visible.append(reason());
		split();
		return drain(true);
	}

	/** Whether the marker has been seen outside reasoning. */
	boolean sawMarker() {
		return this.verdictAt >= 0;
	}

	/** Whether the reply had a {@code </think>} without an opening tag (the model reasons implicitly). */
	boolean sawBareReasoningEnd() {
		return this.sawBareClose;
	}

	/** The verdict block: the text after the last marker line, or null when there was no marker. */
	String verdictBlock() {
		if (this.verdictAt < 0) {
			return null;
		}
		String text = this.visible.substring(this.verdictAt);
		Matcher last = MARKER.matcher(text);
		int from = 0;
		while (last.find()) {
			from = last.end();
		}
		String after = text.substring(from);
		Matcher end = MARKER_LINE_END.matcher(after);
		return end.find() ? after.substring(end.end()) : after;
	}

	/**
	 * The JSON object a reply without a marker ended with (nothing but whitespace after it), once
	 * the reply has ended; else null.
	 */
	String trailingJson() {
		return (this.rawEnded && this.verdictAt < 0 && !this.textSinceJson) ? this.lastJson : null;
	}

	/** The text without its reasoning: for short replies that are read whole (a spoken question, a follow-up). */
	static String withoutReasoning(String reply) {
		FeedbackSplitter splitter = new FeedbackSplitter(true);
		splitter.raw.append(reply);
		splitter.rawEnded = true;
		return splitter.reason().strip();
	}

	// --- stage 1

	private String reason() {
		StringBuilder passed = new StringBuilder();
		while (this.rawAt < this.raw.length()) {
			// most pieces hold no tag at all: the pattern runs only where one can begin
			Matcher tag = REASONING_TAG.matcher(this.raw).region(this.rawAt, this.raw.length());
			boolean found = anyOf(this.raw, this.rawAt, "<") && tag.find();
			boolean closing = found && !tag.group(1).isEmpty();
			if (this.holdUntilReasoningEnds) {
				if (found && closing) {
					// Everything so far was reasoning the chat template had opened for the model.
					this.sawBareClose = true;
					this.holdUntilReasoningEnds = false;
					this.rawAt = tag.end();
				}
				else if (found) {
					// An explicit opening tag: the model marks its reasoning itself.
					passed.append(this.raw, this.rawAt, tag.start());
					this.holdUntilReasoningEnds = false;
					this.inReasoning = true;
					this.rawAt = tag.end();
				}
				else if (this.rawEnded) {
					this.holdUntilReasoningEnds = false;
				}
				else {
					break;
				}
			}
			else if (this.inReasoning) {
				while (found && !closing) {
					found = tag.find();
					closing = found && !tag.group(1).isEmpty();
				}
				if (found) {
					this.inReasoning = false;
					this.rawAt = tag.end();
				}
				else {
					// Unterminated so far: all of it is reasoning; keep only a possible partial closing tag.
					this.rawAt = this.rawEnded ? this.raw.length() : partialStart(REASONING_TAG, "<", this.raw, this.rawAt);
					break;
				}
			}
			else if (found) {
				passed.append(this.raw, this.rawAt, tag.start());
				if (closing) {
					this.sawBareClose = true; // too late for what was released; the examiner learns from it
				}
				else {
					this.inReasoning = true;
				}
				this.rawAt = tag.end();
			}
			else {
				int keep = this.rawEnded ? this.raw.length() : partialStart(REASONING_TAG, "<", this.raw, this.rawAt);
				passed.append(this.raw, this.rawAt, keep);
				this.rawAt = keep;
				break;
			}
		}
		return passed.toString();
	}

	// --- stage 2

	private void split() {
		while (this.verdictAt < 0 && this.at < this.visible.length()) {
			Matcher hazard = HAZARD.matcher(this.visible).region(this.at, this.visible.length());
			if (!anyOf(this.visible, this.at, "<`{") || !hazard.find()) {
				int keep = this.rawEnded ? this.visible.length() : partialStart(HAZARD, "<`{", this.visible, this.at);
				text(this.at, keep);
				this.at = keep;
				return;
			}
			text(this.at, hazard.start());
			this.at = hazard.start();
			if (hazard.group(1) != null) {
				this.verdictAt = this.at;
				return;
			}
			int end = (hazard.group(2) != null) ? fence(this.at) : object(this.at);
			if (end < 0) {
				return; // still open: held back
			}
			this.at = end;
		}
	}

	/** A fence starting at {@code start}: its end once closed (or the reply ended), else -1. */
	private int fence(int start) {
		int bodyFrom = start + 3;
		int close = this.visible.indexOf("```", bodyFrom);
		int markerAt = markerBefore(start, (close >= 0) ? close : this.visible.length());
		if (markerAt >= 0) {
			return markerAt;
		}
		if (close < 0 && !this.rawEnded) {
			return -1;
		}
		int bodyTo = (close >= 0) ? close : this.visible.length();
		String body = this.visible.substring(bodyFrom, bodyTo);
		int newline = body.indexOf('\n');
		String language = (newline >= 0) ? body.substring(0, newline) : "";
		String content = (newline >= 0) ? body.substring(newline + 1) : body;
		String trimmed = content.strip();
		if (JSON_FENCE_LANGUAGE.matcher(language).matches() && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
			keepJson(trimmed);
		}
		else {
			// Code in the feedback: shown as plain text, never as a fence.
			text(content.stripTrailing());
		}
		return (close >= 0) ? close + 3 : this.visible.length();
	}

	/** A JSON object (or braces in text) starting at {@code start}: its end once balanced (or the reply ended), else -1. */
	private int object(int start) {
		int end = JsonText.objectEnd(this.visible, start);
		if (end > 0) {
			String candidate = this.visible.substring(start, end);
			if (isObject(candidate)) {
				keepJson(candidate);
			}
			else {
				text(start, end);
			}
			return end;
		}
		int markerAt = markerBefore(start, this.visible.length());
		if (markerAt >= 0) {
			return markerAt;
		}
		if (!this.rawEnded) {
			return -1;
		}
		String rest = this.visible.substring(start);
		if (!rest.matches("(?s)\\{\\s*\".*")) {
			text(start, this.visible.length()); // braces in prose, never closed
		}
		return this.visible.length(); // a cut-off JSON object is dropped
	}

	/** Where a marker starts inside a held fence or object, or -1. */
	private int markerBefore(int from, int to) {
		Matcher marker = MARKER.matcher(this.visible).region(from, to);
		return marker.find() ? marker.start() : -1;
	}

	private void keepJson(String candidate) {
		this.lastJson = candidate;
		this.textSinceJson = false;
	}

	private void text(int from, int to) {
		if (to > from) {
			text(this.visible.substring(from, to));
		}
	}

	private void text(String text) {
		if (!text.isBlank()) {
			this.textSinceJson = true;
		}
		this.out.append(text);
	}

	private String drain(boolean all) {
		int keep = this.out.length();
		if (!all) {
			while (keep > 0 && Character.isWhitespace(this.out.charAt(keep - 1))) {
				keep--;
			}
		}
		String release = this.out.substring(0, keep);
		this.out.delete(0, keep);
		if (all) {
			release = release.stripTrailing();
			this.out.setLength(0);
		}
		if (!this.releasedAny) {
			release = release.stripLeading();
			this.releasedAny = !release.isEmpty();
		}
		return release;
	}

	private static boolean isObject(String candidate) {
		try {
			JsonNode node = json.readTree(candidate);
			return node != null && node.isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/** Whether {@code text} holds any of {@code chars} from {@code from} on. */
	private static boolean anyOf(CharSequence text, int from, String chars) {
		for (int i = from; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where a possible beginning of the pattern starts in the last few characters (the pattern
	 * could still match there once more text arrives); the text's length when there is none. Only
	 * positions holding one of {@code firstChars} (every character the pattern can begin with) are
	 * tried: this runs for every streamed chunk.
	 */
	private static int partialStart(Pattern pattern, String firstChars, CharSequence text, int from) {
		int length = text.length();
		Matcher matcher = null;
		for (int start = Math.max(from, length - LONGEST_PARTIAL); start < length; start++) {
			if (firstChars.indexOf(text.charAt(start)) < 0) {
				continue;
			}
			if (matcher == null) {
				matcher = pattern.matcher(text);
			}
			matcher.region(start, length);
			if (!matcher.lookingAt() && matcher.hitEnd()) {
				return start;
			}
		}
		return length;
	}

}
