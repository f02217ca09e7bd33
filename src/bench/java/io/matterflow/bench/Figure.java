package io.matterflow.bench;

import java.util.Map;

/** One measured figure, run in a JVM of its own; its result is written as JSON. */
interface Figure {

    Map<String, Object> run(Options options) throws Exception;

    static Figure named(String name) {
        return switch (name) {
            case "engine" -> new EngineFigure();
            case "peer" -> new FlowableFigure();
            case "operaton" -> new OperatonFigure();
            case "statements" -> new StatementsFigure();
            case "dblimit" -> new DbLimitFigure();
            case "http" -> new HttpFigure();
            case "footprint" -> new FootprintFigure();
            case "scale" -> new ScaleFigure();
            default -> throw new IllegalArgumentException("no figure named " + name);
        };
    }
}
