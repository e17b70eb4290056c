package dev.rehearse.questionbank;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Banks, categories and questions in PostgreSQL, all through bind parameters. A bank with an owner
 * is private: the methods taking a {@code viewer} see shared banks and the viewer's own only, so
 * that rule lives in these statements and nowhere else.
 */
@Repository
class BankRepository {

	private static final String QUESTION_COLUMNS = """
			select q.id, q.bank_id, c.name as category, q.position, q.text, q.reference_answer, q.key_points,
			       q.language, q.difficulty, q.tags, q.follow_ups, q.retired
			from question q join category c on c.id = q.category_id
			""";

	/** A bank the viewer may see: shared (no owner) or the viewer's own. */
	private static final String VISIBLE = "(b.owner_id is null or b.owner_id = :viewer)";

	private final DatabaseClient database;

	private final JsonMapper json;

	BankRepository(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/** The stable id of a question: a name-based UUID of its bank and its identity in its file. */
	static UUID questionId(String bankId, String identity) {
		return UUID.nameUUIDFromBytes(("rehearse/question/" + bankId + "/" + identity).getBytes(StandardCharsets.UTF_8));
	}

	static String categoryId(String bankId, String name) {
		return UUID.nameUUIDFromBytes(("rehearse/category/" + bankId + "/" + name).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	/** The stored content hash of a bank, empty when the bank is not stored yet. */
	Mono<String> contentHash(String bankId) {
		return this.database.sql("select content_hash from bank where id = :id")
			.bind("id", bankId)
			.map((row) -> row.get("content_hash", String.class))
			.one();
	}

	/** How many current questions a bank has. */
	Mono<Long> countCurrentQuestions(String bankId) {
		return this.database.sql("select count(*) from question where bank_id = :id and not retired")
			.bind("id", bankId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * Stores a bank file's bank: inserts or updates the bank, its categories and questions, and
	 * retires the bank's questions the file no longer has. Run it in a transaction.
	 * @return how many questions were retired
	 */
	Mono<Long> store(BankFile file) {
		return store(file, null);
	}

	/**
	 * Stores a bank as {@link #store(BankFile)} does, owned by a user (a private bank) or by nobody
	 * (shared). An existing bank of another owner is never touched: that fails instead.
	 */
	Mono<Long> store(BankFile file, Long ownerId) {
		ParsedBank bank = file.bank();
		GenericExecuteSpec bankSpec = nullable(this.database.sql("""
				insert into bank (id, title, language, description, source_file, content_hash, loaded_at, owner_id)
				values (:id, :title, :language, :description, :file, :hash, now(), :owner)
				on conflict (id) do update set title = excluded.title, language = excluded.language,
				    description = excluded.description, source_file = excluded.source_file,
				    content_hash = excluded.content_hash, loaded_at = excluded.loaded_at
				where bank.owner_id is not distinct from excluded.owner_id
				""")
			.bind("id", bank.id())
			.bind("title", bank.title())
			.bind("language", bank.language()), "description", bank.description())
			.bind("file", file.file())
			.bind("hash", file.contentHash());
		bankSpec = (ownerId != null) ? bankSpec.bind("owner", ownerId) : bankSpec.bindNull("owner", Long.class);
		Mono<Void> saveBank = bankSpec.fetch().rowsUpdated().flatMap((rows) -> (rows == 1) ? Mono.<Void>empty()
				: Mono.error(new IllegalStateException("bank '" + bank.id() + "' belongs to another owner")));
		Flux<Long> saveCategories = Flux.range(0, bank.categories().size()).concatMap((i) -> {
			String name = bank.categories().get(i);
			return this.database.sql("""
					insert into category (id, bank_id, name, position) values (:id, :bank, :name, :position)
					on conflict (id) do update set position = excluded.position
					""")
				.bind("id", categoryId(bank.id(), name))
				.bind("bank", bank.id())
				.bind("name", name)
				.bind("position", i + 1)
				.fetch()
				.rowsUpdated();
		});
		Flux<Long> saveQuestions = Flux.range(0, bank.questions().size()).concatMap((i) -> {
			ParsedQuestion question = bank.questions().get(i);
			GenericExecuteSpec spec = this.database.sql("""
					insert into question (id, bank_id, category_id, position, text, reference_answer, key_points,
					    language, difficulty, tags, source_file, source_line, follow_ups, retired)
					values (:id, :bank, :category, :position, :text, :answer, :keyPoints, :language, :difficulty,
					    :tags, :file, :line, :followUps, false)
					on conflict (id) do update set category_id = excluded.category_id, position = excluded.position,
					    text = excluded.text, reference_answer = excluded.reference_answer,
					    key_points = excluded.key_points, language = excluded.language,
					    difficulty = excluded.difficulty, tags = excluded.tags, source_file = excluded.source_file,
					    source_line = excluded.source_line, follow_ups = excluded.follow_ups, retired = false
					""")
				.bind("id", questionId(bank.id(), question.identity()))
				.bind("bank", bank.id())
				.bind("category", categoryId(bank.id(), question.category()))
				.bind("position", i + 1)
				.bind("text", question.text())
				.bind("answer", question.referenceAnswer())
				.bind("keyPoints", Json.of(this.json.writeValueAsString(question.keyPoints())))
				.bind("language", bank.language());
			return nullable(spec, "difficulty", question.difficulty()).bind("tags", toJson(question.tags()))
				.bind("file", file.file())
				.bind("line", question.line())
				.bind("followUps", Json.of(this.json.writeValueAsString(question.followUps())))
				.fetch()
				.rowsUpdated();
		});
		UUID[] current = bank.questions()
			.stream()
			.map((question) -> questionId(bank.id(), question.identity()))
			.toArray(UUID[]::new);
		Mono<Long> retire = this.database
			.sql("update question set retired = true where bank_id = :bank and not retired and not (id = any(:ids))")
			.bind("bank", bank.id())
			.bind("ids", current)
			.fetch()
			.rowsUpdated();
		return saveBank.thenMany(saveCategories).thenMany(saveQuestions).then(retire);
	}

	/**
	 * The banks the viewer may see (shared ones and the viewer's own), with their categories that
	 * have current questions: shared banks first, each group in id order.
	 */
	Flux<BankSummary> findBanks(long viewer) {
		Mono<List<CategoryCount>> counts = this.database.sql("""
				select c.bank_id, c.name, count(q.id) as questions
				from category c join question q on q.category_id = c.id and not q.retired
				join bank b on b.id = c.bank_id
				where """ + VISIBLE + """
				group by c.bank_id, c.name, c.position
				order by c.bank_id, c.position
				""")
			.bind("viewer", viewer)
			.map((row) -> new CategoryCount(row.get("bank_id", String.class), row.get("name", String.class),
					row.get("questions", Long.class)))
			.all()
			.collectList();
		return counts.flatMapMany((all) -> this.database
			.sql("select b.id, b.title, b.language, b.description, b.owner_id from bank b where " + VISIBLE
					+ " order by b.owner_id is not null, b.id")
			.bind("viewer", viewer)
			.map((row) -> {
				String id = row.get("id", String.class);
				List<BankSummary.CategorySummary> categories = all.stream()
					.filter((count) -> count.bankId().equals(id))
					.map((count) -> new BankSummary.CategorySummary(count.name(), count.questions()))
					.toList();
				return new BankSummary(id, row.get("title", String.class), row.get("language", String.class),
						row.get("description", String.class),
						categories.stream().mapToLong(BankSummary.CategorySummary::questionCount).sum(), categories,
						(row.get("owner_id", Long.class) == null) ? BankSummary.SHARED : BankSummary.YOU);
			})
			.all());
	}

	/** Whether the bank exists and the viewer may see it. */
	Mono<Boolean> bankVisible(long viewer, String bankId) {
		return this.database.sql("select exists(select 1 from bank b where b.id = :id and " + VISIBLE + ")")
			.bind("id", bankId)
			.bind("viewer", viewer)
			.map((row) -> row.get(0, Boolean.class))
			.one();
	}

	/** The title of a bank the viewer may see. */
	Mono<String> bankTitle(long viewer, String bankId) {
		return this.database.sql("select b.title from bank b where b.id = :id and " + VISIBLE)
			.bind("id", bankId)
			.bind("viewer", viewer)
			.map((row) -> row.get("title", String.class))
			.one();
	}

	/** Whether the bank exists and is the owner's own (private) bank. */
	Mono<Boolean> ownedBy(long owner, String bankId) {
		return this.database.sql("select exists(select 1 from bank where id = :id and owner_id = :owner)")
			.bind("id", bankId)
			.bind("owner", owner)
			.map((row) -> row.get(0, Boolean.class))
			.one();
	}

	/** How many private banks the owner has. */
	Mono<Long> countOwned(long owner) {
		return this.database.sql("select count(*) from bank where owner_id = :owner")
			.bind("owner", owner)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * Deletes the owner's bank with its categories and questions. Turns keep their own copy of
	 * every question asked, so past interviews are untouched.
	 * @return whether it was the owner's bank and is gone
	 */
	Mono<Boolean> deleteOwned(long owner, String bankId) {
		return this.database.sql("delete from bank where id = :id and owner_id = :owner")
			.bind("id", bankId)
			.bind("owner", owner)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Whether a shared bank (no owner) with this id exists. */
	Mono<Boolean> bankExists(String bankId) {
		return this.database.sql("select exists(select 1 from bank where id = :id and owner_id is null)")
			.bind("id", bankId)
			.map((row) -> row.get(0, Boolean.class))
			.one();
	}

	/** The title of a shared bank (no owner). */
	Mono<String> bankTitle(String bankId) {
		return this.database.sql("select title from bank where id = :id and owner_id is null")
			.bind("id", bankId)
			.map((row) -> row.get("title", String.class))
			.one();
	}

	/** A question, retired or not. */
	Mono<StoredQuestion> findQuestion(UUID id) {
		return this.database.sql(QUESTION_COLUMNS + " where q.id = :id")
			.bind("id", id)
			.map((row) -> new StoredQuestion(question(row), row.get("retired", Boolean.class)))
			.one();
	}

	/**
	 * A shared bank's current questions in bank order, in the given categories when there are any
	 * (none of a private bank).
	 */
	Flux<Question> findCurrentQuestions(String bankId, Collection<String> categories) {
		return findCurrentQuestions(null, bankId, categories);
	}

	/**
	 * The current questions of a bank the viewer may see (a null viewer sees shared banks only),
	 * in bank order, in the given categories when there are any.
	 */
	Flux<Question> findCurrentQuestions(Long viewer, String bankId, Collection<String> categories) {
		boolean filtered = categories != null && !categories.isEmpty();
		GenericExecuteSpec spec = this.database
			.sql(QUESTION_COLUMNS + " join bank b on b.id = q.bank_id where q.bank_id = :bank and not q.retired and "
					+ ((viewer != null) ? VISIBLE : "b.owner_id is null")
					+ (filtered ? " and c.name = any(:categories)" : "") + " order by q.position")
			.bind("bank", bankId);
		if (viewer != null) {
			spec = spec.bind("viewer", viewer);
		}
		if (filtered) {
			spec = spec.bind("categories", categories.toArray(String[]::new));
		}
		return spec.map(this::question).all();
	}

	private Question question(Readable row) {
		return new Question(row.get("id", UUID.class), row.get("bank_id", String.class),
				row.get("category", String.class), row.get("position", Integer.class), row.get("text", String.class),
				row.get("reference_answer", String.class), keyPoints(row.get("key_points", Json.class)),
				row.get("language", String.class), row.get("difficulty", String.class),
				fromJson(row.get("tags", Json.class)), followUps(row.get("follow_ups", Json.class)));
	}

	private List<Question.FollowUp> followUps(Json value) {
		return (value != null) ? Arrays.asList(this.json.readValue(value.asArray(), Question.FollowUp[].class))
				: List.of();
	}

	private Json toJson(List<String> values) {
		return Json.of(this.json.writeValueAsString(values));
	}

	private List<String> fromJson(Json value) {
		return (value != null) ? Arrays.asList(this.json.readValue(value.asArray(), String[].class)) : List.of();
	}

	private List<KeyPoint> keyPoints(Json value) {
		return (value != null) ? Arrays.asList(this.json.readValue(value.asArray(), KeyPoint[].class)) : List.of();
	}

	private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	/**
	 * A question as stored.
	 *
	 * @param question the question
	 * @param retired whether its file no longer has it
	 */
	record StoredQuestion(Question question, boolean retired) {
	}

	private record CategoryCount(String bankId, String name, long questions) {
	}

}
