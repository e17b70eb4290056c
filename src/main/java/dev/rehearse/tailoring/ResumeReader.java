package dev.rehearse.tailoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import dev.rehearse.system.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The text of a PDF resume, read with Apache PDFBox, within limits: a file that is not a PDF is
 * 415, a broken, password-protected or text-less (scanned) one 400, too many pages or too much
 * text 413. Blocking and CPU-bound: callers run it off the event loop.
 */
final class ResumeReader {

	private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	/** PDF readers accept the header within the first kilobyte. */
	private static final int HEADER_WINDOW = 1024;

	private final int maxPages;

	private final int maxChars;

	ResumeReader(int maxPages, int maxChars) {
		this.maxPages = maxPages;
		this.maxChars = maxChars;
	}

	/** The resume's text, stripped, with its page count. */
	ResumeText read(byte[] pdf) {
		if (!isPdf(pdf)) {
			throw ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "tailoring.resume.not-pdf");
		}
		try (PDDocument document = Loader.loadPDF(pdf)) {
			int pages = document.getNumberOfPages();
			if (pages > this.maxPages) {
				throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "tailoring.resume.too-many-pages", pages, this.maxPages);
			}
			PDFTextStripper stripper = new PDFTextStripper();
			stripper.setSortByPosition(true);
			String text = stripper.getText(document).replace("\r\n", "\n").replaceAll("[ \\t]+\\n", "\n")
				.replaceAll("\\n{3,}", "\n\n").strip();
			if (text.isEmpty()) {
				throw ApiProblem.invalid("file", "tailoring.resume.no-text");
			}
			int length = text.codePointCount(0, text.length());
			if (length > this.maxChars) {
				throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "tailoring.too-long", "resume", length, this.maxChars);
			}
			return new ResumeText(text, pages, length);
		}
		catch (InvalidPasswordException ex) {
			throw ApiProblem.invalid("file", "tailoring.resume.encrypted");
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ApiProblem problem) {
				throw problem;
			}
			throw ApiProblem.invalid("file", "tailoring.resume.broken");
		}
	}

	static boolean isPdf(byte[] bytes) {
		int window = Math.min(bytes.length, HEADER_WINDOW);
		for (int at = 0; at + MAGIC.length <= window; at++) {
			boolean match = true;
			for (int i = 0; i < MAGIC.length && match; i++) {
				match = bytes[at + i] == MAGIC[i];
			}
			if (match) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A resume's text.
	 *
	 * @param text the text
	 * @param pages its pages
	 * @param characters its length in characters (code points)
	 */
	record ResumeText(String text, int pages, int characters) {

		/** Never the text itself. */
		@Override
		public String toString() {
			return "ResumeText[" + this.pages + " pages, " + this.characters + " chars]";
		}

	}

}
