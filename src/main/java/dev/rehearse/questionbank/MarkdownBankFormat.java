package dev.rehearse.questionbank;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code *.md}: the Rehearse Markdown format of docs/bank-format.md, read by
 * {@link MarkdownBankParser}.
 */
@Component
@Order(100)
class MarkdownBankFormat implements BankFormat {

	@Override
	public String name() {
		return "markdown";
	}

	@Override
	public boolean reads(String fileName) {
		return BankFormat.hasExtension(fileName, ".md");
	}

	/** Front matter, or a {@code ## Category} with a {@code ### Question} under it. */
	@Override
	public boolean recognises(String content) {
		return content.stripLeading().startsWith("---")
				|| (content.lines().anyMatch((line) -> line.startsWith("## "))
						&& content.lines().anyMatch((line) -> line.startsWith("### ")));
	}

	@Override
	public ParsedBank parse(String bankId, String content) {
		return MarkdownBankParser.parse(bankId, content);
	}

}
