package dev.rehearse.examiner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rehearse.examiner.ExaminerBenchmark.Options;
import dev.rehearse.examiner.ExaminerBenchmark.Row;
import dev.rehearse.examiner.ExaminerBenchmark.Stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ExaminerBenchmarkTests {

	@Test
	void readsQuotedFieldsSpanningLinesAndHonoursTheLimit(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("set.csv");
		Files.writeString(csv, """
				id,question,reference_answer,student_answer,score
				a_1,"What is a stack?","LIFO, ""last in first out"".","It is
				last in, first out.",4.5
				a_2,Q,R,A,0
				b_1,Q2,R2,A2,1
				""", StandardCharsets.UTF_8);
		List<Row> rows = ExaminerBenchmark.read(csv, 2);
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).isEqualTo(
				new Row("a_1", "What is a stack?", "LIFO, \"last in first out\".", "It is\nlast in, first out.", 4.5));
	}

	@Test
	void pearsonSpearmanAndRmseAfterALinearFit() {
		double[] predicted = { 1, 2, 3, 4 };
		double[] human = { 2, 4, 6, 8.5 };
		assertThat(Stats.pearson(predicted, human)).isCloseTo(0.99838, within(1e-5));
		assertThat(Stats.spearman(predicted, new double[] { 1, 10, 100, 1000 })).isEqualTo(1.0);
		assertThat(Stats.rmseAfterLinearFit(predicted, new double[] { 3, 5, 7, 9 })).isCloseTo(0, within(1e-9));
		assertThat(Stats.ranks(new double[] { 5, 1, 5, 3 })).containsExactly(3.5, 1, 3.5, 2);
	}

	@Test
	void questionsAlternateBetweenTuningAndHeldOutHalvesInIdOrder() {
		List<Row> rows = List.of(new Row("q2_1", "B", "", "", 0), new Row("q1_1", "A", "", "", 0),
				new Row("q3_1", "C", "", "", 0), new Row("q1_2", "A", "", "", 0));
		assertThat(ExaminerBenchmark.tuningHalf(rows)).containsExactly(false, true, true, true);
	}

	@Test
	void optionsNeedAReadableDatasetAndAKnownExaminer(@TempDir Path dir) throws Exception {
		Path csv = Files.writeString(dir.resolve("x.csv"), "id\n");
		assertThat(Options.parse(new String[] { csv.toString(), "--examiner", "llm", "--limit", "3" }))
			.isEqualTo(new Options(csv, "llm", 3));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "missing.csv" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { csv.toString(), "--examiner", "gpt" }));
	}

}
