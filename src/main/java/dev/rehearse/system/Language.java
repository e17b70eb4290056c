package dev.rehearse.system;

/**
 * Tells Chinese from English text, the two languages Rehearse speaks: one rule for every feature
 * (banks, the examiner, reports) instead of one per feature.
 */
public final class Language {

	/** The language code of Chinese text. */
	public static final String CHINESE = "zh";

	/** The language code of everything else. */
	public static final String ENGLISH = "en";

	/**
	 * Han characters carry a word each where Latin letters carry a fraction of one, so a Chinese
	 * text full of English product names still has well over this share of Han characters.
	 */
	private static final double HAN_SHARE_FOR_CHINESE = 0.2;

	private Language() {
	}

	/** Whether this code point is a Han (CJK) ideograph. */
	public static boolean isHan(int codePoint) {
		return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
	}

	/** Whether the text has any Han (CJK) ideograph. */
	public static boolean hasHan(String text) {
		return text != null && text.codePoints().anyMatch(Language::isHan);
	}

	/** Whether the text is mostly Chinese: at least a fifth of its letters are Han characters. */
	public static boolean isChinese(String text) {
		if (text == null) {
			return false;
		}
		long han = 0;
		long letters = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (Character.isLetter(codePoint)) {
				letters++;
				if (isHan(codePoint)) {
					han++;
				}
			}
			i += Character.charCount(codePoint);
		}
		return letters > 0 && (double) han / letters >= HAN_SHARE_FOR_CHINESE;
	}

	/** {@code zh} when the text is mostly Chinese ({@link #isChinese}), otherwise {@code en}. */
	public static String detect(String text) {
		return isChinese(text) ? CHINESE : ENGLISH;
	}

}
