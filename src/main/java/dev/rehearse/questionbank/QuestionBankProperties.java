package dev.rehearse.questionbank;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the question banks come from.
 *
 * @param directory the directory whose {@code *.txt} (article) and {@code *.md} (Rehearse
 * Markdown) files are loaded at start-up and on {@code POST /api/admin/banks/reload}
 */
@ConfigurationProperties("rehearse.banks")
public record QuestionBankProperties(@DefaultValue("./seeds") Path directory) {

}
