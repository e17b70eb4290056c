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
 * Banks, categories and questions in PostgreSQL, all through bind parameters.
 */
@Repository
class BankRepository {

	private static final String QUESTION_COLUMNS = """
			select q.id, q.bank_id, c.name as category, q.position, q.text, q.reference_answer, q.key_points,
			       q.language, q.difficulty, q.tags, q.retired
			from question q join category c on c.id = q.category_id
			""";

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
		ParsedBank bank = file.bank();
		Mono<Void> saveBank = nullable(this.database.sql("""
				insert into bank (id, title, language, description, source_file, content_hash, loaded_at)
				values (:id, :title, :language, :description, :file, :hash, now())
				on conflict (id) do update set title = excluded.title, language = excluded.language,
				    description = excluded.description, source_file = excluded.source_file,
				    content_hash = excluded.content_hash, loaded_at = excluded.loaded_at
				""")
			.bind("id", bank.id())
			.bind("title", bank.title())
			.bind("language", bank.language()), "description", bank.description())
			.bind("file", file.file())
			.bind("hash", file.contentHash())
			.then();
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
					    language, difficulty, tags, source_file, source_line, retired)
					values (:id, :bank, :category, :position, :text, :answer, :keyPoints, :language, :difficulty,
					    :tags, :file, :line, false)
					on conflict (id) do update set category_id = excluded.category_id, position = excluded.position,
					    text = excluded.text, reference_answer = excluded.reference_answer,
					    key_points = excluded.key_points, language = excluded.language,
					    difficulty = excluded.difficulty, tags = excluded.tags, source_file = excluded.source_file,
					    source_line = excluded.source_line, retired = false
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

	/** Every bank with its categories that have current questions, in id order. */
	Flux<BankSummary> findBanks() {
		Mono<List<CategoryCount>> counts = this.database.sql("""
				select c.bank_id, c.name, count(q.id) as questions
				from category c join question q on q.category_id = c.id and not q.retired
				group by c.bank_id, c.name, c.position
				order by c.bank_id, c.position
				""")
			.map((row) -> new CategoryCount(row.get("bank_id", String.class), row.get("name", String.class),
					row.get("questions", Long.class)))
			.all()
			.collectList();
		return counts.flatMapMany((all) -> this.database
			.sql("select id, title, language, description from bank order by id")
			.map((row) -> {
				String id = row.get("id", String.class);
				List<BankSummary.CategorySummary> categories = all.stream()
					.filter((count) -> count.bankId().equals(id))
					.map((count) -> new BankSummary.CategorySummary(count.name(), count.questions()))
					.toList();
				return new BankSummary(id, row.get("title", String.class), row.get("language", String.class),
						row.get("description", String.class),
						categories.stream().mapToLong(BankSummary.CategorySummary::questionCount).sum(), categories);
			})
			.all());
	}

	Mono<Boolean> bankExists(String bankId) {
		return this.database.sql("select exists(select 1 from bank where id = :id)")
			.bind("id", bankId)
			.map((row) -> row.get(0, Boolean.class))
			.one();
	}

	Mono<String> bankTitle(String bankId) {
		return this.database.sql("select title from bank where id = :id")
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

	/** A bank's current questions in bank order, in the given categories when there are any. */
	Flux<Question> findCurrentQuestions(String bankId, Collection<String> categories) {
		boolean filtered = categories != null && !categories.isEmpty();
		GenericExecuteSpec spec = this.database
			.sql(QUESTION_COLUMNS + " where q.bank_id = :bank and not q.retired"
					+ (filtered ? " and c.name = any(:categories)" : "") + " order by q.position")
			.bind("bank", bankId);
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
				fromJson(row.get("tags", Json.class)));
	}

	private Json toJson(List<String> values) {
		return Json.of(this.json.writeValueAsString(values));
	}

	private List<String> fromJson(Json value) {
		return (value != null) ? Arrays.asList(this.json.readValue(value.asString(), String[].class)) : List.of();
	}

	private List<KeyPoint> keyPoints(Json value) {
		return (value != null) ? Arrays.asList(this.json.readValue(value.asString(), KeyPoint[].class)) : List.of();
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
