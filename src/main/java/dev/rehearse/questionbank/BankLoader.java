package dev.rehearse.questionbank;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.questionbank.ReloadReport.FileReport;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * Loads every bank file of a directory into the database, one transaction per file: a file whose
 * content is unchanged is left alone, a changed one updates its questions in place (ids stay,
 * questions it no longer has are retired), and a file that cannot be read is reported with its
 * line and skipped without stopping the others.
 */
@Component
class BankLoader {

	private static final Logger logger = LoggerFactory.getLogger(BankLoader.class);

	private final BankRepository repository;

	private final TransactionalOperator transactions;

	private final AtomicBoolean loading = new AtomicBoolean();

	BankLoader(BankRepository repository, ReactiveTransactionManager transactionManager) {
		this.repository = repository;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/**
	 * Loads the directory's bank files, one at a time, in file name order.
	 * @param directory the banks directory; a missing directory loads nothing
	 * @return the per-file report; a 409 error when another load is running
	 */
	Mono<ReloadReport> load(Path directory) {
		return Mono.defer(() -> {
			if (!this.loading.compareAndSet(false, true)) {
				return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
						"The banks are being loaded right now; try again in a moment."));
			}
			Map<String, String> filesByBankId = new HashMap<>();
			return Mono.fromCallable(() -> BankFile.list(directory))
				.subscribeOn(Schedulers.boundedElastic())
				.doOnNext((files) -> {
					if (files.isEmpty()) {
						logger.warn("No bank files (*.txt, *.md) in {}", directory.toAbsolutePath().normalize());
					}
				})
				.flatMapMany(Flux::fromIterable)
				.concatMap((file) -> loadFile(file, filesByBankId))
				.collectList()
				.map(ReloadReport::new)
				.doOnNext((report) -> logger.info("Question banks from {}: {} loaded, {} unchanged, {} failed",
						directory.toAbsolutePath().normalize(), report.count(FileReport.LOADED),
						report.count(FileReport.UNCHANGED), report.count(FileReport.FAILED)))
				.doFinally((signal) -> this.loading.set(false));
		});
	}

	private Mono<FileReport> loadFile(Path path, Map<String, String> filesByBankId) {
		String name = path.getFileName().toString();
		return Mono.fromCallable(() -> BankFile.read(path))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((file) -> {
				String bankId = file.bank().id();
				String other = filesByBankId.putIfAbsent(bankId, name);
				if (other != null) {
					return Mono.just(failed(name, bankId, null,
							"bank id '" + bankId + "' is already used by " + other + "; declare another 'id:'"));
				}
				return store(file);
			})
			.onErrorResume(BankFormatException.class, (ex) -> Mono.just(failed(name, null,
					(ex.line() > 0) ? ex.line() : null, ex.getMessage())))
			.onErrorResume((ex) -> {
				logger.error("Could not load bank file {}", name, ex);
				return Mono.just(failed(name, null, null, "could not be loaded: " + ex.getMessage()));
			});
	}

	private Mono<FileReport> store(BankFile file) {
		String bankId = file.bank().id();
		Mono<FileReport> stored = this.repository.contentHash(bankId)
			.filter(file.contentHash()::equals)
			.flatMap((same) -> this.repository.countCurrentQuestions(bankId)
				.map((count) -> new FileReport(file.file(), bankId, FileReport.UNCHANGED, count, 0, null)))
			.switchIfEmpty(Mono.defer(() -> this.repository.store(file)
				.map((retired) -> new FileReport(file.file(), bankId, FileReport.LOADED,
						file.bank().questions().size(), retired, null))));
		return this.transactions.transactional(stored).doOnNext((report) -> {
			if (report.status().equals(FileReport.LOADED)) {
				logger.info("Loaded bank '{}' from {}: {} questions, {} retired", bankId, file.file(),
						report.questions(), report.retired());
			}
		});
	}

	private static FileReport failed(String file, String bankId, Integer line, String message) {
		logger.warn("Skipped bank file {}{}: {}", file, (line != null) ? " line " + line : "", message);
		return new FileReport(file, bankId, FileReport.FAILED, 0, 0, new ReloadReport.Error(line, message));
	}

}
