package dev.rehearse.examiner;

/**
 * Who grades, for display.
 *
 * @param kind {@code llm} or {@code offline}
 * @param provider e.g. {@code openai}, {@code ollama}, {@code local}
 * @param model the model's name, or {@code offline examiner}
 */
public record ExaminerInfo(String kind, String provider, String model) {
}
