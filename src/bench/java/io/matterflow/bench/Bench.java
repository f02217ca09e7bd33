package io.matterflow.bench;

/** The benchmark's entry point (mvn -Pbench verify). */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
