package io.matterflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import one.profiler.AsyncProfiler;
import one.profiler.AsyncProfilerLoader;

/**
 * async-profiler in this JVM, sampling CPU time of every thread, by thread ({@code itimer}: no perf events needed, so it works
 * in a virtual machine or container) every millisecond; stopped, it writes a flame graph (HTML) and the collapsed stacks it was drawn from.
 */
final class Profiler {

    private final AsyncProfiler profiler;

    private Profiler(AsyncProfiler profiler) {
        this.profiler = profiler;
    }

    static Profiler start() throws IOException {
        AsyncProfiler profiler = AsyncProfilerLoader.load();
        profiler.execute("start,event=itimer,interval=1000000,threads");
        return new Profiler(profiler);
    }

    /** Writes the flame graph, and beside it the same samples as collapsed stacks ({@code .collapsed}) to count. */
    void stop(Path flameGraph) throws IOException {
        Path html = flameGraph.toAbsolutePath();
        Files.createDirectories(html.getParent());
        String collapsed = html.toString().replaceFirst("\\.html$", "") + ".collapsed";
        profiler.execute("dump,collapsed,file=" + collapsed);
        profiler.execute("stop,file=" + html);
    }
}
