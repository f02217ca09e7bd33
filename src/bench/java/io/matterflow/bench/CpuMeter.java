package io.matterflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the CPU went during a measured window: this JVM (the application and, for the HTTP figure, its load
 * generator), the application's request threads ({@code http-nio-*}), the JIT compiler's threads, and PostgreSQL's
 * server processes (read from /proc). Divided by the operations of the window, it names the cost that limits
 * throughput on a small machine; the compiler's share tells whether the window was at steady state.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private long jvmStart;
    private long requestThreadsStart;
    private long postgresStart;
    private long compilerStart;
    private long jvmNanos;
    private long compilerMillis;
    private long requestThreadsNanos;
    private long postgresMillis;
    private long[] machineStart;
    private long[] machine;

    void start() {
        machineStart = machineTicks();
        jvmStart = jvmCpu();
        requestThreadsStart = requestThreadsCpu();
        postgresStart = postgresCpuMillis();
        compilerStart = compilerCpuMillis();
    }

    void stop() {
        jvmNanos = jvmCpu() - jvmStart;
        requestThreadsNanos = requestThreadsCpu() - requestThreadsStart;
        postgresMillis = postgresCpuMillis() - postgresStart;
        compilerMillis = compilerCpuMillis() - compilerStart;
        machine = since(machineStart);
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
        m.put("compilerShareOfJvmCpu", compilerShare());
        m.putAll(shares(machine));
        return m;
    }

    /**
     * The machine's CPU time so far, from the first line of /proc/stat, in ticks: {@code [all, idle (with I/O wait),
     * stolen by the hypervisor]}; null when /proc cannot tell.
     */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5]), f.length > 8 ? Long.parseLong(f[8]) : 0};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The machine's ticks between {@code start} and now; null when either is unknown. */
    static long[] since(long[] start) {
        long[] now = machineTicks();
        return start == null || now == null ? null
                : new long[] {now[0] - start[0], now[1] - start[1], now[2] - start[2]};
    }

    /**
     * How the machine's CPU time was spent over a window: its idle share (0 when the cores were saturated) and the
     * share the hypervisor gave to other machines (steal: time this one wanted and did not get).
     */
    static Map<String, Object> shares(long[] ticks) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ticks != null && ticks[0] > 0) {
            m.put("machineIdleShare", Bench.round((double) ticks[1] / ticks[0]));
            m.put("machineStealShare", Bench.round((double) ticks[2] / ticks[0]));
        }
        return m;
    }

    /** The JIT compiler threads' part of this JVM's CPU in the window, 0 to 1: near 0 at steady state. */
    double compilerShare() {
        return jvmNanos <= 0 ? 0 : Bench.round(compilerMillis * 1e6 / jvmNanos);
    }

    /** CPU milliseconds of this JVM so far, and of its JIT compiler threads: for the warm-up's check. */
    static long[] jvmAndCompilerMillis() {
        return new long[] {jvmCpu() / 1_000_000, compilerCpuMillis()};
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

    /**
     * utime + stime of this JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}; the
     * JDK hides them from {@link ThreadMXBean}), in ms; 0 when /proc cannot tell.
     */
    private static long compilerCpuMillis() {
        return Math.max(0, cpuMillis(Path.of("/proc/self/task"),
                name -> name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")));
    }

    /** utime + stime of every process named postgres on this machine, in ms; -1 when /proc cannot tell. */
    private static long postgresCpuMillis() {
        return cpuMillis(Path.of("/proc"), name -> name.startsWith("postgres"));
    }

    /**
     * utime + stime, in ms, of the processes or threads under {@code dir} (each a numbered directory with a
     * {@code stat} file) whose name is {@code named}; -1 when the directory cannot be read.
     */
    private static long cpuMillis(Path dir, Predicate<String> named) {
        long ticks = 0;
        try (var entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    if (named.test(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                        ticks += cpuTicks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // it ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return (long) (ticks * TICK_MS);
    }

    /** utime + stime from a /proc stat line, in clock ticks. */
    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
