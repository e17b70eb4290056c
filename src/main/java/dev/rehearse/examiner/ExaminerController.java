package dev.rehearse.examiner;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who grades: {@code GET /api/examiner}.
 */
@RestController
class ExaminerController {

	private final Examiner examiner;

	private final int maxAnswerChars;

	ExaminerController(Examiner examiner, ExaminerProperties properties) {
		this.examiner = examiner;
		this.maxAnswerChars = properties.maxAnswerChars();
	}

	@GetMapping("/api/examiner")
	ExaminerView examiner() {
		ExaminerInfo info = this.examiner.info();
		return new ExaminerView(info.kind(), info.provider(), info.model(), ExaminerConfiguration.label(info),
				this.maxAnswerChars);
	}

	/**
	 * The examiner as the API shows it.
	 *
	 * @param kind {@code llm} or {@code offline}
	 * @param provider {@code openai}, {@code ollama} or {@code local}
	 * @param model the model's name
	 * @param label for display, e.g. "Offline examiner" or "deepseek-chat via openai"
	 * @param maxAnswerChars the longest answer accepted, so the page can say so before Send
	 */
	record ExaminerView(String kind, String provider, String model, String label, int maxAnswerChars) {
	}

}
