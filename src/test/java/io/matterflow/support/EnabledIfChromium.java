package io.matterflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests when Chromium is installed ({@code MATTERFLOW_CHROMIUM}, default {@code /usr/bin/chromium});
 * skips them otherwise, unless {@code MATTERFLOW_REQUIRE_CHROMIUM=true} (as CI sets it), which makes them fail.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(EnabledIfChromium.Condition.class)
public @interface EnabledIfChromium {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(Browser.chromium())) {
                return ConditionEvaluationResult.enabled("Chromium at " + Browser.chromium());
            }
            if (Boolean.parseBoolean(System.getenv().getOrDefault("MATTERFLOW_REQUIRE_CHROMIUM", "false"))) {
                throw new IllegalStateException("Chromium is required (MATTERFLOW_REQUIRE_CHROMIUM=true) but "
                        + Browser.chromium() + " is missing");
            }
            return ConditionEvaluationResult.disabled("Chromium is not installed at " + Browser.chromium());
        }
    }
}
