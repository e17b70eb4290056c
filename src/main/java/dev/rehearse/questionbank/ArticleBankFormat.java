package dev.rehearse.questionbank;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code *.txt}: an interview-questions article as published, in either of the genre's layouts:
 * {@code Q1:}/{@code A1:} pairs under numbered sections ({@link ArticleBankParser}), or numbered
 * questions with {@code 答:} answers under {@code 一、} sections ({@link NumberedArticleParser}).
 */
@Component
@Order(200)
class ArticleBankFormat implements BankFormat {

	@Override
	public String name() {
		return "article";
	}

	@Override
	public boolean reads(String fileName) {
		return BankFormat.hasExtension(fileName, ".txt");
	}

	@Override
	public boolean recognises(String content) {
		return ArticleBankParser.hasNumberedPairs(content) || NumberedArticleParser.recognises(content);
	}

	@Override
	public ParsedBank parse(String bankId, String content) {
		if (!ArticleBankParser.hasNumberedPairs(content) && NumberedArticleParser.recognises(content)) {
			return NumberedArticleParser.parse(bankId, content);
		}
		return ArticleBankParser.parse(bankId, content);
	}

}
