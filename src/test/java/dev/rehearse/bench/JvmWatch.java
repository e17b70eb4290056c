package dev.rehearse.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

/**
 * Watches the service's heap over JMX on loopback: heap in use sampled every 100 ms, and, exactly,
 * the heap in use just before and just after every collection (from the GC notifications), so the peak
 * is not missed between samples. The live set (after collection) says what the load really keeps; the
 * peak before collection is bounded by {@code -Xmx} and says how far the GC let the heap fill.
 */
final class JvmWatch implements AutoCloseable {

	private final JMXConnector connector;

	private final MemoryMXBean memory;

	private final ThreadMXBean threads;

	private final List<GarbageCollectorMXBean> collectors = new ArrayList<>();

	private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "jvm-watch");
		thread.setDaemon(true);
		return thread;
	});

	private volatile long peakSampledBytes;

	private volatile long peakBeforeGcBytes;

	private volatile long peakAfterGcBytes;

	private volatile long maxGcPauseMillis;

	private long gcCountAtStart;

	private long gcMillisAtStart;

	JvmWatch(int jmxPort) throws Exception {
		JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
		this.connector = JMXConnectorFactory.connect(url, Map.of());
		MBeanServerConnection connection = this.connector.getMBeanServerConnection();
		this.memory = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME,
				MemoryMXBean.class);
		this.threads = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.THREAD_MXBEAN_NAME,
				ThreadMXBean.class);
		for (ObjectName name : connection.queryNames(
				new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
			this.collectors.add(ManagementFactory.newPlatformMXBeanProxy(connection, name.toString(),
					GarbageCollectorMXBean.class));
			connection.addNotificationListener(name, this::onGc, null, null);
		}
		for (ObjectName name : connection.queryNames(
				new ObjectName(ManagementFactory.MEMORY_POOL_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
			MemoryPoolMXBean pool = ManagementFactory.newPlatformMXBeanProxy(connection, name.toString(),
					MemoryPoolMXBean.class);
			if (pool.getType() == MemoryType.HEAP) {
				this.heapPools.add(pool);
			}
		}
	}

	/** Starts a measured window: resets peaks and GC counters. */
	void start() {
		this.peakSampledBytes = 0;
		this.peakBeforeGcBytes = 0;
		this.peakAfterGcBytes = 0;
		this.maxGcPauseMillis = 0;
		this.gcCountAtStart = this.collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
		this.gcMillisAtStart = this.collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
		this.threads.resetPeakThreadCount();
		this.sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
	}

	private void sample() {
		try {
			long used = this.memory.getHeapMemoryUsage().getUsed();
			if (used > this.peakSampledBytes) {
				this.peakSampledBytes = used;
			}
		}
		catch (RuntimeException ex) {
			// the service is going away
		}
	}

	private void onGc(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		GcInfo gc = info.getGcInfo();
		long before = heapSum(gc.getMemoryUsageBeforeGc());
		long after = heapSum(gc.getMemoryUsageAfterGc());
		synchronized (this) {
			this.peakBeforeGcBytes = Math.max(this.peakBeforeGcBytes, before);
			this.peakAfterGcBytes = Math.max(this.peakAfterGcBytes, after);
			if (!info.getGcAction().contains("concurrent") && !info.getGcName().contains("Concurrent")) {
				this.maxGcPauseMillis = Math.max(this.maxGcPauseMillis, gc.getDuration());
			}
		}
	}

	private long heapSum(Map<String, MemoryUsage> usage) {
		long sum = 0;
		for (MemoryPoolMXBean pool : this.heapPools) {
			MemoryUsage u = usage.get(pool.getName());
			if (u != null) {
				sum += u.getUsed();
			}
		}
		return sum;
	}

	/** Ends the measured window. */
	Figures stop() {
		this.sampler.shutdownNow();
		sample();
		long gcCount = this.collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
		long gcMillis = this.collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
		long peak = Math.max(this.peakSampledBytes, this.peakBeforeGcBytes);
		return new Figures(mb(peak), mb(this.peakAfterGcBytes), mb(this.memory.getHeapMemoryUsage().getMax()),
				gcCount - this.gcCountAtStart, gcMillis - this.gcMillisAtStart, this.maxGcPauseMillis,
				this.threads.getPeakThreadCount());
	}

	private static double mb(long bytes) {
		return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
		try {
			this.connector.close();
		}
		catch (Exception ex) {
			// the service may already have gone
		}
	}

	/**
	 * The service's JVM over the measured window.
	 *
	 * @param heapPeakMb most heap in use at any moment (before a collection)
	 * @param heapLiveMaxMb most heap still in use right after a collection: the live set
	 * @param heapMaxMb the heap limit ({@code -Xmx})
	 * @param gcCount collections in the window
	 * @param gcMillis time spent collecting, as the collectors report it
	 * @param gcMaxPauseMillis longest stop-the-world collection
	 * @param peakThreads most live threads at once
	 */
	record Figures(double heapPeakMb, double heapLiveMaxMb, double heapMaxMb, long gcCount, long gcMillis,
			long gcMaxPauseMillis, int peakThreads) {
	}

}
