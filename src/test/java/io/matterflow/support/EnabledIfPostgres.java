package io.matterflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test class when PostgreSQL is reachable; skips it otherwise, unless PostgreSQL is required
 * ({@code MATTERFLOW_REQUIRE_POSTGRES=true}), in which case the test fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfPostgres.Condition.class)
public @interface EnabledIfPostgres {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (PostgresDatabase.available()) {
                return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
            }
            if (PostgresDatabase.required()) {
                throw new IllegalStateException("PostgreSQL is required (MATTERFLOW_REQUIRE_POSTGRES=true) but unreachable");
            }
            return ConditionEvaluationResult.disabled("PostgreSQL is not reachable");
        }
    }
}
