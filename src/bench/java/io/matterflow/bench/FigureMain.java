package io.matterflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A figure's own JVM: {@code FigureMain <figure> out=<file> key=value...} runs the figure and writes its result as
 * JSON to the file (or a failure with its stack trace), then exits.
 */
public final class FigureMain {

    private FigureMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        Path out = Path.of(options.get("out", "target/bench/" + name + ".json"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("figure", name);
        int status = 0;
        try {
            result.putAll(Figure.named(name).run(options));
        } catch (Throwable e) {
            var trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            result.put("failed", trace.toString());
            status = 1;
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Bench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.exit(status);
    }
}
