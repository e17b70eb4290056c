package dev.rehearse.questionbank;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;
import dev.rehearse.system.ApiProblem;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Banks users upload: read with the first {@link BankFormat} that takes the file (by its name, or
 * by its text when pasted), checked against the upload limits, previewed, and stored as the
 * uploader's private bank in one transaction, so a file that fails anywhere leaves nothing behind.
 * A private bank's id is {@code u<user id>~<declared or derived id>}: the {@code ~} never occurs in
 * a shared bank's id, so the banks directory can never claim a private bank.
 */
@Component
class BankUploads {

	/** The web chat's name for text pasted without a file. */
	static final String PASTED = "pasted text";

	private final BankRepository repository;

	private final List<BankFormat> formats;

	private final TransactionalOperator transactions;

	private final QuestionBankProperties.Upload limits;

	private final MessageSource messages;

	BankUploads(BankRepository repository, List<BankFormat> formats, ReactiveTransactionManager transactionManager,
			QuestionBankProperties properties, MessageSource messages) {
		this.repository = repository;
		this.formats = List.copyOf(formats);
		this.transactions = TransactionalOperator.create(transactionManager);
		this.limits = properties.upload();
		this.messages = messages;
	}

	/** The largest upload taken, in bytes. */
	long maxBytes() {
		return this.limits.maxBytes().toBytes();
	}

	/** The preview: what saving would store, with every warning and error; never writes. */
	Mono<BankPreview> preview(long userId, Upload upload, String bankId, Locale language) {
		return read(userId, upload, bankId, language).map(Read::preview);
	}

	/** Saves a new private bank (409 when the user already has one with its id). */
	Mono<BankPreview> create(long userId, Upload upload, Locale language) {
		return read(userId, upload, null, language).flatMap((read) -> {
			read.requireValid();
			String id = read.bank().id();
			return this.repository.ownedBy(userId, id)
				.flatMap((exists) -> exists ? Mono.error(ApiProblem.of(HttpStatus.CONFLICT, "bank.exists", id))
						: this.repository.countOwned(userId))
				.flatMap((count) -> (count >= this.limits.maxBanksPerUser())
						? Mono.error(ApiProblem.of(HttpStatus.CONFLICT, "bank.too-many-banks", this.limits.maxBanksPerUser()))
						: store(userId, read));
		});
	}

	/** Replaces the user's own bank with a new version; ids of questions it keeps stay (404 for any other bank). */
	Mono<BankPreview> replace(long userId, String bankId, Upload upload, Locale language) {
		return this.repository.ownedBy(userId, bankId)
			.flatMap((owned) -> owned ? read(userId, upload, bankId, language) : Mono.error(notFound(bankId)))
			.flatMap((read) -> {
				read.requireValid();
				return store(userId, read);
			});
	}

	/** Completes when the bank is the user's own, else a 404. */
	Mono<Boolean> replaceable(long userId, String bankId) {
		return this.repository.ownedBy(userId, bankId)
			.flatMap((owned) -> owned ? Mono.just(true) : Mono.error(notFound(bankId)));
	}

	/** Deletes the user's own bank: 403 for a shared bank, 404 for any other. */
	Mono<Void> delete(long userId, String bankId) {
		return this.repository.deleteOwned(userId, bankId)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty()
					: this.repository.bankExists(bankId)
						.flatMap((shared) -> Mono.error(shared ? ApiProblem.of(HttpStatus.FORBIDDEN, "bank.shared", bankId)
								: notFound(bankId))));
	}

	static ApiProblem notFound(String bankId) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "bank.not-found", bankId);
	}

	private Mono<BankPreview> store(long userId, Read read) {
		BankFile file = new BankFile((read.upload().fileName() != null) ? read.upload().fileName() : PASTED,
				BankFile.hash(read.upload().bytes()), read.bank());
		return this.transactions.transactional(this.repository.store(file, userId)).thenReturn(read.preview().asSaved());
	}

	/**
	 * Reads and checks an upload off the event loop: half a megabyte of article takes a parser some
	 * 100 ms of CPU, which would hold up every other request on that loop.
	 */
	private Mono<Read> read(long userId, Upload upload, String bankId, Locale language) {
		return Mono.fromCallable(() -> readNow(userId, upload, bankId, language)).subscribeOn(Schedulers.boundedElastic());
	}

	/** Reads and checks an upload; {@code bankId}: the id it is to have (a re-upload), or null to derive one. */
	private Read readNow(long userId, Upload upload, String bankId, Locale language) {
		BankFormat format = formatOf(upload);
		if (format == null) {
			throw ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "bank.unsupported-file", upload.fileName(),
					String.join(", ", this.formats.stream().map(BankFormat::name).toList()));
		}
		List<BankPreview.Line> errors = new ArrayList<>();
		String content;
		try {
			content = BankFile.decode(upload.bytes());
		}
		catch (BankFormatException ex) {
			errors.add(new BankPreview.Line(0, message("bank.not-utf8", language)));
			return new Read(upload, format, null, List.of(), errors);
		}
		int control = controlCharacterLine(content);
		if (control > 0) {
			errors.add(new BankPreview.Line(control, message("bank.control-character", language)));
			return new Read(upload, format, null, List.of(), errors);
		}
		ParsedBank bank;
		try {
			bank = format.parse(defaultId(upload), content);
		}
		catch (BankFormatException ex) {
			ex.problems().forEach((problem) -> errors.add(new BankPreview.Line(problem.line(), problem.message())));
			return new Read(upload, format, null, List.of(), errors);
		}
		bank = bank.withId((bankId != null) ? bankId : privateId(userId, bank.id()));
		List<BankPreview.Line> warnings = bank.warnings()
			.stream()
			.map((warning) -> new BankPreview.Line(warning.line(), warning.message()))
			.toList();
		boolean tooMany = bank.questions().size() > this.limits.maxQuestions();
		if (tooMany) {
			errors.add(new BankPreview.Line(bank.questions().get(this.limits.maxQuestions()).line(),
					message("bank.too-many-questions", language, bank.questions().size(), this.limits.maxQuestions())));
		}
		for (ParsedQuestion question : bank.questions()) {
			int longest = question.followUps()
				.stream()
				.mapToInt((followUp) -> length(followUp.referenceAnswer()))
				.reduce(length(question.referenceAnswer()), Math::max);
			if (longest > this.limits.maxAnswerChars()) {
				errors.add(new BankPreview.Line(question.line(),
						message("bank.answer-too-long", language, longest, this.limits.maxAnswerChars())));
			}
		}
		return new Read(upload, format, bank, warnings, errors, tooMany);
	}

	private BankFormat formatOf(Upload upload) {
		if (upload.fileName() != null) {
			return this.formats.stream().filter((format) -> format.reads(upload.fileName())).findFirst().orElse(null);
		}
		String text = new String(upload.bytes(), StandardCharsets.UTF_8);
		// pasted text: the first format that recognises it, else the last (most lenient) one, whose errors say what it expected
		return this.formats.stream()
			.filter((format) -> format.recognises(text))
			.findFirst()
			.orElse(this.formats.get(this.formats.size() - 1));
	}


	/** The id a bank without a declared one gets: from its file name, or from its content when pasted. */
	private static String defaultId(Upload upload) {
		if (upload.fileName() != null) {
			try {
				return BankFile.idFromFileName(upload.fileName());
			}
			catch (BankFormatException ex) {
				// a name of nothing but punctuation: fall through to the content's
			}
		}
		return "pasted-" + BankFile.hash(upload.bytes()).substring(0, 8);
	}

	/** {@code u42~java-basics}; never longer than a bank id may be. */
	static String privateId(long userId, String declared) {
		String prefix = "u" + userId + "~";
		String id = prefix + declared;
		return (id.length() > 100) ? id.substring(0, 100) : id;
	}

	/** The 1-based line of the first control character (other than tab and line ends), 0 if none. */
	private static int controlCharacterLine(String content) {
		int line = 1;
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c == '\n') {
				line++;
			}
			else if (Character.isISOControl(c) && c != '\t' && c != '\r') {
				return line;
			}
		}
		return 0;
	}

	private static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	private String message(String code, Locale language, Object... arguments) {
		return this.messages.getMessage(code, arguments, code, language);
	}

	/**
	 * An upload as it came.
	 *
	 * @param fileName the file's name, null for pasted text
	 * @param bytes its content
	 */
	record Upload(String fileName, byte[] bytes) {
	}

	/** An upload read: the bank (null when it could not be parsed), its warnings and errors. */
	private record Read(Upload upload, BankFormat format, ParsedBank bank, List<BankPreview.Line> warnings,
			List<BankPreview.Line> errors, boolean tooManyQuestions) {

		Read(Upload upload, BankFormat format, ParsedBank bank, List<BankPreview.Line> warnings,
				List<BankPreview.Line> errors) {
			this(upload, format, bank, warnings, errors, false);
		}

		BankPreview preview() {
			List<BankPreview.Line> sorted = new ArrayList<>(this.errors);
			sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
			return (this.bank != null) ? BankPreview.of(this.bank, this.format.name(), this.warnings, sorted, false)
					: BankPreview.failed(this.format.name(), sorted);
		}

		/** A 413 when it has too many questions, a 400 for any other error, each naming its lines. */
		void requireValid() {
			if (this.errors.isEmpty()) {
				return;
			}
			List<BankPreview.Line> sorted = preview().errors();
			BankPreview.Line first = sorted.get(0);
			ApiProblem problem = this.tooManyQuestions
					? ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "bank.invalid", sorted.size(), first.line(),
							first.message())
					: ApiProblem.of(HttpStatus.BAD_REQUEST, "bank.invalid", sorted.size(), first.line(), first.message());
			problem.getBody().setProperty("errors", sorted);
			throw problem;
		}

	}

}
