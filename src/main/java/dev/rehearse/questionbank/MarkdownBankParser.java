package dev.rehearse.questionbank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import dev.rehearse.questionbank.ParsedBank.ParsedQuestion;
import dev.rehearse.system.Language;

/**
 * Reads a user-authored bank in Rehearse's Markdown format ({@code seeds/*.md}, specified in
 * {@code docs/bank-format.md}): YAML front matter or a {@code # Title} line, {@code ## Category}
 * headings, {@code ### Question} entries with optional {@code Difficulty:}, {@code Tags:} and
 * {@code Id:} lines, the reference answer, and an optional {@code Key points:} list.
 */
final class MarkdownBankParser {

	static final Set<String> LANGUAGES = Set.of("zh", "en");

	static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");

	private static final Set<String> FRONT_MATTER_KEYS = Set.of("id", "title", "language", "description");

	static final Pattern BANK_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");

	private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");

	private static final Pattern TITLE = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern CATEGORY = Pattern.compile("^##\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern QUESTION = Pattern.compile("^###\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern METADATA = Pattern.compile("^(?i)(difficulty|tags|id)\\s*:\\s*(.*)$");

	private static final Pattern KEY_POINTS = Pattern
		.compile("^(?i)(?:#{4,6}\\s*)?(?:\\*\\*|__)?\\s*(?:key points|要点|关键点)\\s*[:：]?\\s*(?:\\*\\*|__)?\\s*[:：]?\\s*$");

	private static final Pattern LIST_ITEM = Pattern.compile("^\\s{0,3}(?:[-*+•]|\\d+[.)])\\s+(.+)$");

	private MarkdownBankParser() {
	}

	/**
	 * Parses a Markdown bank.
	 * @param defaultId the bank id when the file declares none (from the file name)
	 * @param content the file's text
	 * @return the bank
	 * @throws BankFormatException naming every problem of the body with its line (reading on past
	 * each one, so that an upload's preview lists them all), or the front matter's first problem
	 */
	static ParsedBank parse(String defaultId, String content) {
		String[] lines = content.replace("\uFEFF", "").split("\\R", -1);
		Map<String, String> header = new LinkedHashMap<>();
		int i = readFrontMatter(lines, header);
		String title = header.get("title");
		List<String> categories = new ArrayList<>();
		List<ParsedQuestion> questions = new ArrayList<>();
		Set<String> identities = new HashSet<>();
		List<ParsedBank.Warning> errors = new ArrayList<>();
		QuestionBuilder current = null;
		int fenceLine = 0;
		for (; i < lines.length; i++) {
			String line = lines[i];
			int lineNumber = i + 1;
			if (FENCE.matcher(line).matches()) {
				fenceLine = (fenceLine == 0) ? lineNumber : 0;
			}
			else if (fenceLine == 0) {
				Matcher question = QUESTION.matcher(line);
				Matcher category = CATEGORY.matcher(line);
				Matcher titleLine = TITLE.matcher(line);
				if (question.matches()) {
					finish(current, identities, questions, errors);
					if (categories.isEmpty()) {
						errors.add(new ParsedBank.Warning(lineNumber,
								"question '" + question.group(1) + "' comes before any '## Category' heading"));
					}
					// without a category the question is still read (its own problems are reported), not kept
					current = new QuestionBuilder(categories.isEmpty() ? null : categories.get(categories.size() - 1),
							question.group(1), lineNumber, errors);
					continue;
				}
				if (category.matches()) {
					finish(current, identities, questions, errors);
					current = null;
					String name = category.group(1);
					if (categories.contains(name)) {
						errors.add(new ParsedBank.Warning(lineNumber, "category '" + name + "' appears twice"));
					}
					else {
						categories.add(name);
					}
					continue;
				}
				if (titleLine.matches()) {
					if (!categories.isEmpty() || title != null) {
						errors.add(new ParsedBank.Warning(lineNumber,
								"a '# Title' line is allowed once, before the first '## Category', and only when"
										+ " the front matter has no title"));
					}
					else {
						title = titleLine.group(1);
					}
					continue;
				}
			}
			if (current != null) {
				current.accept(line, lineNumber, fenceLine != 0 || FENCE.matcher(line).matches());
			}
			else if (!line.isBlank() && !categories.isEmpty()) {
				errors.add(new ParsedBank.Warning(lineNumber,
						"text under a category must belong to a '### Question' heading"));
			}
		}
		if (fenceLine != 0) {
			errors.add(new ParsedBank.Warning(fenceLine, "code block is never closed"));
		}
		finish(current, identities, questions, errors);
		if (title == null || title.isBlank()) {
			errors.add(new ParsedBank.Warning(1,
					"the bank has no title: add 'title:' to the front matter or a '# Title' line"));
		}
		if (questions.isEmpty() && errors.isEmpty()) {
			errors.add(new ParsedBank.Warning(0,
					"no questions found: expected '## Category' and '### Question' headings"));
		}
		if (!errors.isEmpty()) {
			throw new BankFormatException(
					errors.stream().sorted(java.util.Comparator.comparingInt(ParsedBank.Warning::line)).toList());
		}
		String id = header.getOrDefault("id", defaultId);
		String language = header.get("language");
		if (language == null) {
			StringBuilder all = new StringBuilder();
			questions.forEach((q) -> all.append(q.text()).append('\n').append(q.referenceAnswer()).append('\n'));
			language = Language.detect(all.toString());
		}
		List<String> used = questions.stream().map(ParsedQuestion::category).distinct().toList();
		return new ParsedBank(id, title.strip(), language, header.get("description"),
				categories.stream().filter(used::contains).toList(), questions);
	}

	/** Reads YAML front matter when the file starts with {@code ---}; returns the first line after it. */
	private static int readFrontMatter(String[] lines, Map<String, String> header) {
		if (lines.length == 0 || !lines[0].strip().equals("---")) {
			return 0;
		}
		int end = -1;
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].strip().equals("---")) {
				end = i;
				break;
			}
		}
		if (end < 0) {
			throw new BankFormatException(1, "front matter opened with '---' is never closed with '---'");
		}
		String yaml = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, end));
		Object loaded;
		try {
			loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 2 : 1;
			throw new BankFormatException(line, "front matter is not valid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new BankFormatException(1, "front matter is not valid YAML: " + ex.getMessage());
		}
		if (loaded == null) {
			return end + 1;
		}
		if (!(loaded instanceof Map<?, ?> map)) {
			throw new BankFormatException(2, "front matter must be 'key: value' lines");
		}
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = String.valueOf(entry.getKey());
			int line = lineOf(lines, end, key);
			if (!FRONT_MATTER_KEYS.contains(key)) {
				throw new BankFormatException(line,
						"unknown front matter key '" + key + "'; known keys: id, title, language, description");
			}
			if (entry.getValue() == null || entry.getValue() instanceof Map || entry.getValue() instanceof List) {
				throw new BankFormatException(line, "front matter key '" + key + "' needs a single text value");
			}
			String value = String.valueOf(entry.getValue()).strip();
			if (key.equals("language")) {
				value = value.toLowerCase(Locale.ROOT);
				if (!LANGUAGES.contains(value)) {
					throw new BankFormatException(line, "language '" + value + "' is not supported; use zh or en");
				}
			}
			if (key.equals("id") && !BANK_ID.matcher(value).matches()) {
				throw new BankFormatException(line,
						"id '" + value + "' must be lower-case letters, digits, '.', '_' or '-' (at most 100)");
			}
			header.put(key, value);
		}
		return end + 1;
	}

	private static int lineOf(String[] lines, int end, String key) {
		for (int i = 1; i < end; i++) {
			if (lines[i].startsWith(key + ":") || lines[i].startsWith(key + " :")) {
				return i + 1;
			}
		}
		return 2;
	}

	private static void finish(QuestionBuilder builder, Set<String> identities, List<ParsedQuestion> questions,
			List<ParsedBank.Warning> errors) {
		if (builder == null) {
			return;
		}
		ParsedQuestion question = builder.build();
		if (question == null || builder.category == null) {
			return;
		}
		if (!identities.add(question.identity())) {
			errors.add(new ParsedBank.Warning(builder.line, "question '" + question.identity()
					+ "' appears twice in this bank; reword it or give one an 'Id:' line"));
			return;
		}
		questions.add(question);
	}

	/** Collects one question's lines. */
	private static final class QuestionBuilder {

		private final String category;

		private final String text;

		private final int line;

		private String id;

		private String difficulty;

		private List<String> tags = List.of();

		private boolean inMetadata = true;

		private final List<String> answer = new ArrayList<>();

		private List<String> keyPoints;

		private int keyPointsLine;

		private final List<ParsedBank.Warning> errors;

		QuestionBuilder(String category, String text, int line, List<ParsedBank.Warning> errors) {
			this.category = category;
			this.text = text;
			this.line = line;
			this.errors = errors;
		}

		void accept(String line, int lineNumber, boolean code) {
			if (!code && this.inMetadata) {
				Matcher metadata = METADATA.matcher(line.strip());
				if (metadata.matches()) {
					metadata(metadata.group(1).toLowerCase(Locale.ROOT), metadata.group(2).strip(), lineNumber);
					return;
				}
				if (line.isBlank() && this.answer.isEmpty()) {
					return;
				}
				this.inMetadata = false;
			}
			if (!code && this.keyPoints == null && KEY_POINTS.matcher(line.strip()).matches()) {
				this.keyPoints = new ArrayList<>();
				this.keyPointsLine = lineNumber;
				return;
			}
			if (this.keyPoints != null) {
				keyPoint(line, lineNumber);
				return;
			}
			this.answer.add(line);
		}

		private void metadata(String key, String value, int lineNumber) {
			switch (key) {
				case "difficulty" -> {
					String difficulty = value.toLowerCase(Locale.ROOT);
					if (!DIFFICULTIES.contains(difficulty)) {
						this.errors.add(new ParsedBank.Warning(lineNumber,
								"difficulty '" + value + "' is not one of easy, medium, hard"));
					}
					else {
						this.difficulty = difficulty;
					}
				}
				case "tags" -> {
					Set<String> tags = new LinkedHashSet<>();
					for (String tag : value.split("[,，]")) {
						if (!tag.isBlank()) {
							tags.add(tag.strip());
						}
					}
					this.tags = List.copyOf(tags);
				}
				default -> {
					if (value.isEmpty()) {
						this.errors.add(new ParsedBank.Warning(lineNumber, "'Id:' needs a value"));
					}
					else {
						this.id = value;
					}
				}
			}
		}

		private void keyPoint(String line, int lineNumber) {
			if (line.isBlank()) {
				return;
			}
			Matcher item = LIST_ITEM.matcher(line);
			if (item.matches()) {
				this.keyPoints.add(item.group(1).strip());
			}
			else if (Character.isWhitespace(line.charAt(0)) && !this.keyPoints.isEmpty()) {
				int last = this.keyPoints.size() - 1;
				this.keyPoints.set(last, this.keyPoints.get(last) + " " + line.strip());
			}
			else {
				this.errors.add(new ParsedBank.Warning(lineNumber,
						"only list items ('- point') may follow 'Key points:' (at line " + this.keyPointsLine + ")"));
			}
		}

		/** The question, or null when it has a problem (reported). */
		ParsedQuestion build() {
			String referenceAnswer = String.join("\n", this.answer).replaceAll("\\n{3,}", "\n\n").strip();
			if (referenceAnswer.isEmpty()) {
				this.errors.add(new ParsedBank.Warning(this.line, "question '" + this.text + "' has no reference answer"));
				return null;
			}
			if (this.keyPoints != null && this.keyPoints.isEmpty()) {
				this.errors.add(new ParsedBank.Warning(this.keyPointsLine, "'Key points:' is followed by no list items"));
				return null;
			}
			List<KeyPoint> points = (this.keyPoints != null) ? this.keyPoints.stream().map(KeyPoints::of).toList()
					: KeyPoints.fromAnswer(referenceAnswer);
			String identity = (this.id != null) ? "id:" + this.id : this.text.strip().replaceAll("\\s+", " ");
			return new ParsedQuestion(identity, this.category, this.text, referenceAnswer, points, this.difficulty,
					this.tags, this.line);
		}

	}

}
