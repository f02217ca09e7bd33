package io.matterflow.access;

import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.common.EpochMicros;
import io.matterflow.scheduler.Prunable;
import io.matterflow.scheduler.PruneKind;

/**
 * Housekeeping of the sign-in and password-reset limits ({@code rate_limit_budgets}, {@code sign_in_failures}): a row
 * whose budget is all earned back, or whose window and lockout have passed, can refuse nothing any more. Its
 * retention is nil: such a row says nothing a missing one does not.
 */
@Component
class RateLimitRetention implements Prunable {

    private final JdbcTemplate jdbc;

    RateLimitRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PruneKind kind() {
        return PruneKind.RATE_LIMITS;
    }

    @Override
    public int deleteBatch(Instant cutoff, int limit) {
        long before = EpochMicros.of(cutoff);
        int budgets = jdbc.update("""
                delete from rate_limit_budgets where (scope, subject) in (
                    select scope, subject from rate_limit_budgets where forget_at < ? limit ?)""", before, limit);
        return budgets + jdbc.update("""
                delete from sign_in_failures where email in (
                    select email from sign_in_failures where forget_at < ? limit ?)""", before, limit - budgets);
    }
}
