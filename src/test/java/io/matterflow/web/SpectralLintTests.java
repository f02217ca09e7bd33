package io.matterflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code docs/openapi.yaml} passes Spectral's OpenAPI ruleset ({@code .spectral.yaml}: {@code spectral:oas}) with
 * no error and no warning, so that a client generator can use it as it is. Runs when Spectral is installed
 * ({@code MATTERFLOW_SPECTRAL}, default {@code .tools/spectral/node_modules/.bin/spectral}, where
 * {@code scripts/install-spectral.sh} puts it); skipped otherwise, unless {@code MATTERFLOW_REQUIRE_SPECTRAL=true}
 * (as CI sets it), which makes it fail. {@link OpenApiDocumentTests} keeps the file equal to what is served.
 */
@ExtendWith(SpectralLintTests.Installed.class)
class SpectralLintTests {

    static Path spectral() {
        return Path.of(System.getenv().getOrDefault("MATTERFLOW_SPECTRAL", ".tools/spectral/node_modules/.bin/spectral"));
    }

    @Test
    void shouldFindNothingInTheCommittedApiDescription() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(spectral().toString(), "lint", "docs/openapi.yaml", "--ruleset",
                ".spectral.yaml", "--fail-severity", "hint", "--format", "text")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("spectral finished").isTrue();

        assertThat(process.exitValue()).as("spectral lint docs/openapi.yaml:%n%s", output).isZero();
    }

    static class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(spectral())) {
                return ConditionEvaluationResult.enabled("Spectral at " + spectral());
            }
            if (Boolean.parseBoolean(System.getenv().getOrDefault("MATTERFLOW_REQUIRE_SPECTRAL", "false"))) {
                throw new IllegalStateException("Spectral is required (MATTERFLOW_REQUIRE_SPECTRAL=true) but "
                        + spectral() + " is missing: run scripts/install-spectral.sh");
            }
            return ConditionEvaluationResult.disabled("Spectral is not installed at " + spectral()
                    + " (scripts/install-spectral.sh)");
        }
    }
}
