package io.matterflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;

/**
 * statements: the database round trips (statements, batches, commits) of each transition of the 3-step workflow,
 * counted on the JDBC connection after a warm-up, with the SQL of each, so that the doc can name them.
 */
final class StatementsFigure implements Figure {

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        try (MatterflowApp app = MatterflowApp.start(BenchDatabase.of(options.db()), Map.of(), new SqlCounter())) {
            BenchFlow flow = new BenchFlow(app);
            for (int i = 0; i < options.integer("warmupInstances", 20); i++) {
                flow.runOnce(LoadLoop.Recorder.unmeasured());
            }
            var instances = app.bean(Instances.class);
            var runtime = app.bean(StepRuntime.class);
            var lawyer = flow.firm.as(flow.firm.owner());
            var paralegal = flow.firm.as(flow.firm.paralegal());
            Map<String, Object> trips = new LinkedHashMap<>();
            UUID[] steps = new UUID[3];
            trips.put("instantiate", SqlCounter.capture(() -> {
                var instance = instances.instantiate(lawyer,
                        new Instances.Instantiate(flow.templateId, flow.firm.matter().id(), "Bench", true, null));
                for (int i = 0; i < 3; i++) {
                    steps[i] = instance.steps().get(i).id();
                }
            }));
            trips.put("claim", SqlCounter.capture(() -> runtime.claim(paralegal, steps[0])));
            trips.put("start", SqlCounter.capture(() -> runtime.start(paralegal, steps[0])));
            trips.put("complete", SqlCounter.capture(() -> runtime.complete(paralegal, steps[0],
                    Map.of("checked", BenchFlow.ITEMS))));
            trips.put("claimLawyer", SqlCounter.capture(() -> runtime.claim(lawyer, steps[1])));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", options.db());
            int total = 0;
            for (var e : trips.entrySet()) {
                @SuppressWarnings("unchecked")
                List<String> sql = (List<String>) e.getValue();
                m.put(e.getKey() + "RoundTrips", sql.size());
                if (!e.getKey().equals("instantiate") && !e.getKey().equals("claimLawyer")) {
                    total += sql.size();
                }
            }
            m.put("roundTripsPerTransition", Bench.round(total / 3.0));
            m.put("sql", trips);
            return m;
        }
    }
}
