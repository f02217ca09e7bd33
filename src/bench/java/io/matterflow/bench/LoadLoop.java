package io.matterflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs a unit of work (one workflow instance, one transaction) in a loop on each of {@code threads} threads: first a
 * warm-up whose results are thrown away, until the JIT compiler has (nearly) stopped, then the measured window,
 * optionally under async-profiler. Every operation a unit times through its
 * {@link Recorder} counts towards the operations per second and the latency percentiles; a unit counts when it
 * finishes inside the window. A unit that throws, in the warm-up or the window, is counted as an error and the first
 * failure is kept: never hidden.
 */
final class LoadLoop {

    /** One unit of work on one thread; operations are timed with the recorder. */
    interface Unit {
        void run(Recorder recorder) throws Exception;
    }

    /** Times the operations of the thread it belongs to. */
    static final class Recorder {
        private final LoadLoop loop;
        private long[] latencies = new long[1 << 14];
        private int size;
        private long ops;

        private Recorder(LoadLoop loop) {
            this.loop = loop;
        }

        /** A recorder that only runs the operations: for set-up and warm-up outside a loop. */
        static Recorder unmeasured() {
            return new Recorder(new LoadLoop());
        }

        <T> T op(Callable<T> operation) throws Exception {
            long start = System.nanoTime();
            T result = operation.call();
            long elapsed = System.nanoTime() - start;
            if (loop.measuring) {
                if (size == latencies.length) {
                    latencies = java.util.Arrays.copyOf(latencies, size * 2);
                }
                latencies[size++] = elapsed;
                ops++;
            }
            return result;
        }

        void op(ThrowingRunnable operation) throws Exception {
            op(() -> {
                operation.run();
                return null;
            });
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * How long to warm up and measure. The warm-up lasts at least {@code warmup} seconds, then goes on in slices of
     * {@link #SLICE} until the JIT compiler's threads take less than {@link #STEADY_SHARE} of the JVM's CPU in a slice
     * (steady state), or {@code warmupMax} seconds have passed ({@code steady=false} in the result then).
     * {@code profile=<file.html>} draws an async-profiler flame graph (CPU time, {@code itimer}) of the window.
     * Throughout, the figure's {@code database} is kept vacuumed as autovacuum would ({@link AutoVacuum},
     * {@code vacuumNaptime} seconds between checks).
     */
    record Window(Duration warmup, Duration warmupMax, Duration measure, Path profile, BenchDatabase database,
                  Duration vacuumNaptime) {

        static final Duration SLICE = Duration.ofSeconds(5);
        static final double STEADY_SHARE = 0.03;

        static Window of(Options options, BenchDatabase database) {
            Duration warmup = options.seconds("warmup", 25);
            Duration max = options.seconds("warmupMax", Math.max(warmup.toMillis() / 1000.0, 180));
            String profile = options.get("profile", null);
            return new Window(warmup, max, options.seconds("measure", 30), profile == null ? null : Path.of(profile),
                    database, AutoVacuum.naptime(options));
        }
    }

    /** What one measured window gave. */
    record Result(int threads, double seconds, long ops, long units, long errors, String firstError,
                  double p50Ms, double p99Ms, double maxMs, Map<String, Object> cpu, Map<String, Object> warmup,
                  Map<String, Object> autovacuum) {

        double opsPerSecond() {
            return ops / seconds;
        }

        double unitsPerSecond() {
            return units / seconds;
        }

        Map<String, Object> toMap(String opsName, String unitsName) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", threads);
            m.put("seconds", Bench.round(seconds));
            m.put(opsName, ops);
            m.put(unitsName, units);
            m.put(opsName + "PerSecond", Bench.round(opsPerSecond()));
            m.put(unitsName + "PerSecond", Bench.round(unitsPerSecond()));
            m.put("p50Ms", Bench.round(p50Ms));
            m.put("p99Ms", Bench.round(p99Ms));
            m.put("maxMs", Bench.round(maxMs));
            m.put("errors", errors);
            m.put("cpu", cpu);
            m.put("warmup", warmup);
            m.put("autovacuum", autovacuum);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            return m;
        }
    }

    private volatile boolean measuring;
    private volatile boolean stopped;
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String firstError;

    private LoadLoop() {
    }

    /** Runs {@code unitFor(thread)} on each thread: warm-up, then the measured window. */
    static Result run(int threads, Window window, IntFunction<Unit> unitFor) throws Exception {
        try (AutoVacuum vacuum = AutoVacuum.on(window.database(), window.vacuumNaptime())) {
            return run(threads, window, unitFor, vacuum);
        }
    }

    private static Result run(int threads, Window window, IntFunction<Unit> unitFor, AutoVacuum vacuum)
            throws Exception {
        CpuMeter cpu = new CpuMeter();
        LoadLoop loop = new LoadLoop();
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Recorder recorder = new Recorder(loop);
            recorders.add(recorder);
            Unit unit = unitFor.apply(i);
            Thread t = new Thread(() -> loop.work(unit, recorder), "bench-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        Map<String, Object> warmup = warmUp(window);
        Profiler profiler = window.profile() == null ? null : Profiler.start();
        loop.units.set(0);
        cpu.start();
        long start = System.nanoTime();
        loop.measuring = true;
        Thread.sleep(window.measure().toMillis());
        loop.measuring = false;
        cpu.stop();
        if (profiler != null) {
            profiler.stop(window.profile());
            warmup.put("profile", window.profile().toString());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long units = loop.units.get();
        long errors = loop.errors.get();
        String firstError = loop.firstError;
        loop.stopped = true;
        for (Thread t : workers) {
            t.join(60_000);
        }
        long ops = 0;
        int total = 0;
        for (Recorder r : recorders) {
            ops += r.ops;
            total += r.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Recorder r : recorders) {
            System.arraycopy(r.latencies, 0, all, at, r.size);
            at += r.size;
        }
        java.util.Arrays.sort(all);
        return new Result(threads, seconds, ops, units, errors, firstError, percentile(all, 0.50),
                percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, cpu.perOperation(ops), warmup,
                vacuum.summary());
    }

    /** Sleeps through the warm-up while the workers run; says how long it took and whether the JIT had settled. */
    private static Map<String, Object> warmUp(Window window) throws InterruptedException {
        long begin = System.nanoTime();
        Thread.sleep(window.warmup().toMillis());
        double share = Double.NaN;
        boolean steady = false;
        while (System.nanoTime() - begin < window.warmupMax().toNanos()) {
            long[] before = CpuMeter.jvmAndCompilerMillis();
            Thread.sleep(Window.SLICE.toMillis());
            long[] after = CpuMeter.jvmAndCompilerMillis();
            long jvm = after[0] - before[0];
            share = jvm <= 0 ? 0 : (double) (after[1] - before[1]) / jvm;
            if (share < Window.STEADY_SHARE) {
                steady = true;
                break;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", Bench.round((System.nanoTime() - begin) / 1e9));
        m.put("steady", steady);
        m.put("compilerShareOfLastSlice", Double.isNaN(share) ? null : Bench.round(share));
        return m;
    }

    private void work(Unit unit, Recorder recorder) {
        while (!stopped) {
            try {
                unit.run(recorder);
                if (measuring) {
                    units.incrementAndGet();
                }
            } catch (Exception | AssertionError e) {
                errors.incrementAndGet();
                if (firstError == null) {
                    firstError = e.toString();
                }
            }
        }
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
