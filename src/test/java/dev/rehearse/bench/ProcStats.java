package dev.rehearse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What Linux knows of a process: CPU seconds from {@code /proc/<pid>/stat} and resident memory from
 * {@code /proc/<pid>/status}. Measured from outside so the figures include everything the JVM does
 * (JIT, GC, Netty's native buffers), not only what it reports about itself.
 */
final class ProcStats {

	/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcStats() {
	}

	/** User plus system CPU seconds of the process itself (its threads), or NaN once it is gone. */
	static double cpuSeconds(long pid) {
		long[] ticks = ticks(pid);
		return (ticks == null) ? Double.NaN : (ticks[0] + ticks[1]) / TICKS_PER_SECOND;
	}

	/**
	 * CPU seconds of a process and all its descendants, live and already reaped: for PostgreSQL,
	 * whose work is done by one backend process per connection under the postmaster.
	 */
	static double treeCpuSeconds(long pid) {
		long[] ticks = ticks(pid);
		if (ticks == null) {
			return Double.NaN;
		}
		double total = (ticks[0] + ticks[1] + ticks[2] + ticks[3]) / TICKS_PER_SECOND;
		try (Stream<ProcessHandle> children = ProcessHandle.of(pid).map(ProcessHandle::descendants).orElse(Stream.empty())) {
			total += children.mapToDouble((child) -> {
				long[] t = ticks(child.pid());
				return (t == null) ? 0 : (t[0] + t[1]) / TICKS_PER_SECOND;
			}).sum();
		}
		return total;
	}

	/** CPU seconds the whole machine spent busy (all processes, all cores) since boot, from /proc/stat. */
	static double machineBusySeconds() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < cpu.length && i <= 8; i++) {
				if (i != 4 && i != 5) {
					// all but idle and iowait
					busy += Long.parseLong(cpu[i]);
				}
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** The one-minute load average. */
	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * CPU seconds per thread group of a process, from {@code /proc/<pid>/task/*}: Java threads under
	 * their (15-character) names with digits dropped, and the JVM's own (GC, JIT compiler) too, which
	 * no Java API lists.
	 */
	static java.util.Map<String, Double> threadCpuSeconds(long pid) {
		java.util.Map<String, Double> groups = new java.util.TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			tasks.forEach((task) -> {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
					groups.merge(name, cpu, Double::sum);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			});
		}
		catch (IOException ex) {
			// the process ended
		}
		return groups;
	}

	/** Peak resident set size (VmHWM) in MiB, or NaN once the process is gone. */
	static double peakRssMb(long pid) {
		return statusKb(pid, "VmHWM:") / 1024.0;
	}

	/** Current resident set size (VmRSS) in MiB. */
	static double rssMb(long pid) {
		return statusKb(pid, "VmRSS:") / 1024.0;
	}

	private static double statusKb(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process ended
		}
		return Double.NaN;
	}

	/** utime, stime, cutime, cstime in clock ticks; the command name may hold spaces, so skip past ')'. */
	private static long[] ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is the state (field 3 of stat); utime is field 14, so index 11
			return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
					Long.parseLong(fields[14]) };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
