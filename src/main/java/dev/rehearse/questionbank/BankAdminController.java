package dev.rehearse.questionbank;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-reads the shipped banks and the banks directory without a restart (admins only).
 */
@RestController
class BankAdminController {

	private final BankLoader loader;

	private final QuestionBankProperties properties;

	BankAdminController(BankLoader loader, QuestionBankProperties properties) {
		this.loader = loader;
		this.properties = properties;
	}

	@PostMapping("/api/admin/banks/reload")
	Mono<ReloadReport> reload() {
		return this.loader.load(BankSources.shippedAnd(this.properties.directory()));
	}

}
