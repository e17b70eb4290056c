package dev.rehearse.questionbank;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the question banks come from, and the limits of the banks users upload.
 *
 * @param directory the directory whose bank files ({@code *.txt} articles, {@code *.md} Rehearse
 * Markdown, or any other {@link BankFormat}'s) are loaded at start-up and on
 * {@code POST /api/admin/banks/reload}, next to the banks shipped inside the application; a file
 * declaring a shipped bank's id overrides it
 * @param upload limits of {@code POST /api/banks} and {@code PUT /api/banks/{id}}
 */
@ConfigurationProperties("rehearse.banks")
public record QuestionBankProperties(@DefaultValue("./seeds") Path directory, @DefaultValue Upload upload) {

	/**
	 * What one user may upload.
	 *
	 * @param maxBytes largest bank file or pasted text (413 past it)
	 * @param maxQuestions most questions in one bank (413 naming the first line past it)
	 * @param maxAnswerChars longest reference answer, follow-ups' included, in characters (400
	 * naming its line)
	 * @param maxBanksPerUser most private banks one user keeps (409 past it)
	 */
	public record Upload(@DefaultValue("512KB") DataSize maxBytes, @DefaultValue("300") int maxQuestions,
			@DefaultValue("8000") int maxAnswerChars, @DefaultValue("50") int maxBanksPerUser) {
	}

}
