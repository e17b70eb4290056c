package dev.rehearse.questionbank;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code *.txt}: an interview-questions article as published, read by {@link ArticleBankParser}.
 */
@Component
@Order(200)
class ArticleBankFormat implements BankFormat {

	@Override
	public boolean reads(String fileName) {
		return BankFormat.hasExtension(fileName, ".txt");
	}

	@Override
	public ParsedBank parse(String bankId, String content) {
		return ArticleBankParser.parse(bankId, content);
	}

}
