package io.matterflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during a measured window: this JVM (the application and, for the HTTP figure, its load
 * generator), the application's request threads ({@code http-nio-*}), and PostgreSQL's server processes (read from
 * /proc). Divided by the operations of the window, it names the cost that limits throughput on a small machine.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private long jvmStart;
    private long requestThreadsStart;
    private long postgresStart;
    private long jvmNanos;
    private long requestThreadsNanos;
    private long postgresMillis;

    void start() {
        jvmStart = jvmCpu();
        requestThreadsStart = requestThreadsCpu();
        postgresStart = postgresCpuMillis();
    }

    void stop() {
        jvmNanos = jvmCpu() - jvmStart;
        requestThreadsNanos = requestThreadsCpu() - requestThreadsStart;
        postgresMillis = postgresCpuMillis() - postgresStart;
    }

    /** CPU milliseconds per operation, by where they were spent. */
    Map<String, Object> perOperation(long operations) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (operations == 0) {
            return m;
        }
        m.put("jvmCpuMsPerOp", Bench.round(jvmNanos / 1e6 / operations));
        if (requestThreadsNanos > 0) {
            m.put("requestThreadsCpuMsPerOp", Bench.round(requestThreadsNanos / 1e6 / operations));
        }
        if (postgresMillis >= 0) {
            m.put("postgresCpuMsPerOp", Bench.round((double) postgresMillis / operations));
        }
        return m;
    }

    private static long jvmCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Request threads come and go with the pool: threads that ended in the window are missed (Tomcat keeps them). */
    private static long requestThreadsCpu() {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio")) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** utime + stime of every process named postgres on this machine, in ms; -1 when /proc cannot tell. */
    private static long postgresCpuMillis() {
        long ticks = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!dir.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(open + 1, close).startsWith("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return (long) (ticks * TICK_MS);
    }
}
