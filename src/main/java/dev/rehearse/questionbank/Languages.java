package dev.rehearse.questionbank;

/**
 * Tells Chinese from English text, the two languages the examiner speaks.
 */
final class Languages {

	/**
	 * Han characters carry a word each where Latin letters carry a fraction of one, so a Chinese
	 * text full of English product names still has well over this share of Han characters.
	 */
	private static final double HAN_SHARE_FOR_CHINESE = 0.2;

	private Languages() {
	}

	/** Whether the text has any CJK ideograph. */
	static boolean hasCjk(String text) {
		return text.codePoints().anyMatch(Languages::isCjk);
	}

	static boolean isCjk(int codePoint) {
		return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
	}

	/** {@code zh} when the text is mostly Chinese, otherwise {@code en}. */
	static String detect(String text) {
		long han = 0;
		long letters = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (Character.isLetter(codePoint)) {
				letters++;
				if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN) {
					han++;
				}
			}
			i += Character.charCount(codePoint);
		}
		return (letters > 0 && (double) han / letters >= HAN_SHARE_FOR_CHINESE) ? "zh" : "en";
	}

}
