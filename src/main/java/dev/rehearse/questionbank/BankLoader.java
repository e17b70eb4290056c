package dev.rehearse.questionbank;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.questionbank.BankSources.Found;
import dev.rehearse.questionbank.ReloadReport.FileReport;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * Loads the shipped bank files and those of the banks directory into the database, one
 * transaction per file: a file whose content is unchanged is left alone, a changed one updates its
 * questions in place (ids stay, questions it no longer has are retired), and a file that cannot be
 * read is reported with its line and skipped without stopping the others.
 *
 * <p>
 * Bank ids decide which file wins. A directory file with a shipped bank's id overrides it; when its
 * bytes are the very same (running from the source tree, where {@code ./seeds} is what the build
 * ships) it is the same bank and is loaded once. Two files of the same source claiming one id: the
 * second is rejected.
 */
@Component
class BankLoader {

	private static final Logger logger = LoggerFactory.getLogger(BankLoader.class);

	private final BankRepository repository;

	private final List<BankFormat> formats;

	private final TransactionalOperator transactions;

	private final AtomicBoolean loading = new AtomicBoolean();

	BankLoader(BankRepository repository, List<BankFormat> formats, ReactiveTransactionManager transactionManager) {
		this.repository = repository;
		this.formats = List.copyOf(formats);
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/**
	 * Loads the bank files of the sources, one at a time: the shipped ones, then the directory's.
	 * @param sources where the files are
	 * @return the per-file report; a 409 error when another load is running
	 */
	Mono<ReloadReport> load(BankSources sources) {
		return Mono.defer(() -> {
			if (!this.loading.compareAndSet(false, true)) {
				return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
						"The banks are being loaded right now; try again in a moment."));
			}
			return Mono.fromCallable(() -> plan(sources))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMapMany(Flux::fromIterable)
				.concatMap(this::run)
				.collectList()
				.map(ReloadReport::new)
				.doOnNext((report) -> log(sources, report))
				.doFinally((signal) -> this.loading.set(false));
		});
	}

	/** Reads every file (blocking) and decides, by bank id, what becomes of each. */
	private List<Step> plan(BankSources sources) throws IOException {
		List<Found> found = sources.find((name) -> formatOf(name) != null);
		List<Step> steps = new ArrayList<>();
		Map<String, Step> byBankId = new LinkedHashMap<>();
		Map<String, Found> directoryClaims = new LinkedHashMap<>();
		for (Found file : found) {
			Step step = read(file);
			if (step.file() == null) {
				steps.add(step);
				continue;
			}
			String bankId = step.file().bank().id();
			Step other = byBankId.get(bankId);
			if (other == null) {
				byBankId.put(bankId, step);
				steps.add(step);
			}
			else if (isShipped(other) && !isShipped(step) && directoryClaims.putIfAbsent(bankId, file) == null) {
				if (other.file().contentHash().equals(step.file().contentHash())) {
					logger.debug("Bank file {} is the shipped {} byte for byte; loading it once", file.name(),
							other.found().name());
					continue;
				}
				logger.info("Bank '{}' from the directory's {} overrides the shipped {}", bankId, file.name(),
						other.found().name());
				steps.set(steps.indexOf(other), new Step(other.found(), null, overridden(other)));
				byBankId.put(bankId, step);
				steps.add(step);
			}
			else {
				Found first = directoryClaims.getOrDefault(bankId, other.found());
				steps.add(new Step(file, null, failed(file, bankId, null,
						"bank id '" + bankId + "' is already used by " + first.describe() + "; declare another 'id:'")));
			}
		}
		return steps;
	}

	private Step read(Found file) {
		try {
			byte[] bytes = file.resource().getContentAsByteArray();
			return new Step(file, BankFile.read(file.name(), bytes, formatOf(file.name())), null);
		}
		catch (BankFormatException ex) {
			return new Step(file, null, failed(file, null, (ex.line() > 0) ? ex.line() : null, ex.getMessage()));
		}
		catch (Exception ex) {
			logger.error("Could not read bank file {}", file.describe(), ex);
			return new Step(file, null, failed(file, null, null, "could not be read: " + ex.getMessage()));
		}
	}

	private BankFormat formatOf(String fileName) {
		return this.formats.stream().filter((format) -> format.reads(fileName)).findFirst().orElse(null);
	}

	private Mono<FileReport> run(Step step) {
		if (step.done() != null) {
			return Mono.just(step.done());
		}
		return store(step.found(), step.file()).onErrorResume((ex) -> {
			logger.error("Could not load bank file {}", step.found().describe(), ex);
			return Mono.just(failed(step.found(), step.file().bank().id(), null, "could not be loaded: " + ex.getMessage()));
		});
	}

	private Mono<FileReport> store(Found found, BankFile file) {
		String bankId = file.bank().id();
		Mono<FileReport> stored = this.repository.contentHash(bankId)
			.filter(file.contentHash()::equals)
			.flatMap((same) -> this.repository.countCurrentQuestions(bankId)
				.map((count) -> new FileReport(file.file(), found.source(), bankId, FileReport.UNCHANGED, count, 0,
						null)))
			.switchIfEmpty(Mono.defer(() -> this.repository.store(file)
				.map((retired) -> new FileReport(file.file(), found.source(), bankId, FileReport.LOADED,
						file.bank().questions().size(), retired, null))));
		return this.transactions.transactional(stored).doOnNext((report) -> {
			if (report.status().equals(FileReport.LOADED)) {
				logger.info("Loaded bank '{}' from {} ({}): {} questions, {} retired", bankId, file.file(),
						found.source(), report.questions(), report.retired());
			}
		});
	}

	private static void log(BankSources sources, ReloadReport report) {
		if (report.files().isEmpty()) {
			logger.warn("No bank files in {}", sources.describe());
			return;
		}
		logger.info("Question banks from {}: {} loaded, {} unchanged, {} overridden, {} failed", sources.describe(),
				report.count(FileReport.LOADED), report.count(FileReport.UNCHANGED),
				report.count(FileReport.OVERRIDDEN), report.count(FileReport.FAILED));
	}

	private static boolean isShipped(Step step) {
		return BankSources.CLASSPATH.equals(step.found().source());
	}

	private static FileReport overridden(Step shipped) {
		return new FileReport(shipped.found().name(), shipped.found().source(), shipped.file().bank().id(),
				FileReport.OVERRIDDEN, 0, 0, null);
	}

	private static FileReport failed(Found file, String bankId, Integer line, String message) {
		logger.warn("Skipped bank file {}{}: {}", file.describe(), (line != null) ? " line " + line : "", message);
		return new FileReport(file.name(), file.source(), bankId, FileReport.FAILED, 0, 0,
				new ReloadReport.Error(line, message));
	}

	/**
	 * What becomes of one file found.
	 *
	 * @param found the file
	 * @param file the bank read from it, to be stored; null when {@code done}
	 * @param done its report when nothing is left to do (failed, overridden)
	 */
	private record Step(Found found, BankFile file, FileReport done) {
	}

}
