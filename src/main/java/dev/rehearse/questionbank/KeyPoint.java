package dev.rehearse.questionbank;

import com.fasterxml.jackson.annotation.JsonCreator;

import dev.rehearse.system.Language;

/**
 * One point a complete answer covers: a short {@code title} a person would say aloud ("BERT",
 * "数据稀缺性", "Stack exhaustion") and the {@code detail} that explains it (may be empty). The
 * examiner judges and shows points by title; the detail is the reference's own words, shown only
 * once the candidate has answered.
 *
 * @param title short name of the point, never blank
 * @param detail what the point says, possibly empty, never null
 */
public record KeyPoint(String title, String detail) {

	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	public KeyPoint {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("a key point needs a title");
		}
		title = title.strip();
		detail = (detail != null) ? detail.strip() : "";
	}

	/**
	 * A key point from one line as a bank writes it ({@code 标题:说明}, {@code **Title**: detail},
	 * or a sentence), titled by {@link KeyPoints#of(String)}. Also reads key points stored as plain
	 * strings before they had titles.
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static KeyPoint of(String text) {
		return KeyPoints.of(text);
	}

	/** Title and detail as one line, for prompts and plain-text reports. */
	public String text() {
		if (this.detail.isEmpty()) {
			return this.title;
		}
		return this.title + (Language.hasHan(this.title) ? "：" : ": ") + this.detail;
	}

}
