package dev.rehearse.questionbank;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the question banks come from.
 *
 * @param directory the directory whose bank files ({@code *.txt} articles, {@code *.md} Rehearse
 * Markdown, or any other {@link BankFormat}'s) are loaded at start-up and on
 * {@code POST /api/admin/banks/reload}, next to the banks shipped inside the application; a file
 * declaring a shipped bank's id overrides it
 */
@ConfigurationProperties("rehearse.banks")
public record QuestionBankProperties(@DefaultValue("./seeds") Path directory) {

}
