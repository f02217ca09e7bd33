package io.matterflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * engine: the 3-step workflow through the service layer (permissions, audit, events, metrics and tracing on) on
 * {@code threads} threads, each with its own firm and matter: transitions and instances per second, latency per
 * transition.
 */
final class EngineFigure implements Figure {

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        int threads = options.integer("threads", 1);
        try (MatterflowApp app = MatterflowApp.start(BenchDatabase.of(options.db()), options.app())) {
            List<BenchFlow> flows = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                flows.add(new BenchFlow(app));
            }
            var result = LoadLoop.run(threads, options.seconds("warmup", 25), options.seconds("measure", 30),
                    i -> flows.get(i)::runOnce);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", options.db());
            m.putAll(result.toMap("transitions", "instances"));
            return m;
        }
    }
}
