package dev.rehearse.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * CPU seconds spent by each process of the benchmark over a measured window, and by everything else
 * on the machine: on a shared machine the rest is noise the figures must be read against.
 */
final class CpuWindow {

	private final Map<String, DoubleSupplier> processes;

	private final Map<String, Double> atStart = new LinkedHashMap<>();

	private final double machineAtStart;

	private final double loadAtStart;

	private final long startNanos;

	CpuWindow(Map<String, DoubleSupplier> processes) {
		this.processes = processes;
		processes.forEach((name, cpu) -> this.atStart.put(name, cpu.getAsDouble()));
		this.machineAtStart = ProcStats.machineBusySeconds();
		this.loadAtStart = ProcStats.loadAverage();
		this.startNanos = System.nanoTime();
	}

	/** CPU seconds per process, {@code otherProcesses}, the machine's load average at start and end. */
	Map<String, Object> end() {
		double machine = ProcStats.machineBusySeconds() - this.machineAtStart;
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		Map<String, Object> figures = new LinkedHashMap<>();
		double ours = 0;
		for (Map.Entry<String, DoubleSupplier> process : this.processes.entrySet()) {
			double used = process.getValue().getAsDouble() - this.atStart.get(process.getKey());
			ours += used;
			figures.put(process.getKey(), round(used));
		}
		figures.put("otherProcesses", round(machine - ours));
		figures.put("machineBusy", round(machine));
		figures.put("machineCapacity", round(seconds * Runtime.getRuntime().availableProcessors()));
		figures.put("loadAverageStart", this.loadAtStart);
		figures.put("loadAverageEnd", ProcStats.loadAverage());
		return figures;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
