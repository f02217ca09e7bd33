package io.matterflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * engine: the 3-step workflow through the service layer (permissions, audit, events, metrics and tracing on) on
 * {@code threads} threads, each with its own firm and matter: transitions and instances per second, latency per
 * transition. {@code commands=6}: each step started (with its automatic claim) and completed, as the peers claim and
 * complete, instead of claimed, started and completed.
 */
final class EngineFigure implements Figure {

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        int threads = options.integer("threads", 1);
        boolean startComplete = options.integer("commands", BenchFlow.TRANSITIONS_PER_INSTANCE) == 6;
        BenchDatabase database = BenchDatabase.of(options.db());
        try (MatterflowApp app = MatterflowApp.start(database, options.app())) {
            List<BenchFlow> flows = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                flows.add(new BenchFlow(app));
            }
            var result = LoadLoop.run(threads, LoadLoop.Window.of(options, database),
                    i -> startComplete ? flows.get(i)::runStartComplete : flows.get(i)::runOnce);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", options.db());
            m.put("commandsPerInstance", startComplete ? 6 : BenchFlow.TRANSITIONS_PER_INSTANCE);
            m.putAll(result.toMap("transitions", "instances"));
            return m;
        }
    }
}
