package io.matterflow.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.common.EpochMicros;

/**
 * Budgets of attempts kept in the database ({@code rate_limit_budgets}), so that every node spends the same budget
 * and a restart forgets nothing: the sign-in budget per client address ({@link LoginThrottle}) and the
 * password-reset limits (people's reset throttle).
 * <p>
 * A budget is a token bucket: {@link Limit#capacity()} attempts at once, earned back evenly over
 * {@link Limit#window()}. A row keeps what has been spent as of when; what has been earned back since is worked out
 * with the limit as configured now, so a changed setting applies to the rows already there. Every change locks the
 * row ({@code SELECT ... FOR UPDATE}) in a transaction of its own: concurrent attempts on any node cannot overdraw a
 * budget, and a caller's rollback does not undo an attempt.
 */
@Component
public class RateLimits {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;

    RateLimits(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * One limit: its rows are told apart by {@code scope} (at most 32 characters), each subject (an address, an
     * email) has its own budget of {@code capacity} attempts, earned back evenly over {@code window}.
     */
    public record Limit(String scope, int capacity, Duration window) {

        public Limit {
            if (scope.isEmpty() || scope.length() > 32) {
                throw new IllegalArgumentException("a limit's scope has 1 to 32 characters: " + scope);
            }
            if (capacity < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a limit needs a capacity of at least 1 and a positive window");
            }
        }

        /** Attempts earned back per microsecond. */
        double rate() {
            return capacity / (double) EpochMicros.of(window);
        }
    }

    /**
     * Spends one attempt of the subject's budget: null when spent, or else how long until the next attempt is earned
     * back (the budget is empty and nothing was spent).
     */
    public Duration take(Limit limit, String subject, Instant now) {
        return separately.execute(tx -> {
            Budget budget = lock(limit, subject, EpochMicros.of(now));
            if (budget.spent() + 1 > limit.capacity()) {
                double micros = Math.ceil((budget.spent() + 1 - limit.capacity()) / limit.rate());
                return Duration.ofNanos(Math.max(1, (long) micros) * 1000);
            }
            write(limit, subject, new Budget(budget.spent() + 1, budget.asOf()));
            return null;
        });
    }

    /** Gives back one attempt taken by {@link #take} (never more than the whole budget). */
    public void giveBack(Limit limit, String subject, Instant now) {
        separately.executeWithoutResult(tx -> {
            Budget budget = lock(limit, subject, EpochMicros.of(now));
            write(limit, subject, new Budget(Math.max(0, budget.spent() - 1), budget.asOf()));
        });
    }

    /**
     * Runs the work in a transaction of its own, committed whatever becomes of the caller's: an attempt counts even
     * when the request that made it rolls back.
     */
    <T> T separately(TransactionCallback<T> work) {
        return separately.execute(work);
    }

    /**
     * The row {@code locked} selects {@code FOR UPDATE}, inserted first by {@code insertIfAbsent} when there is none.
     * A concurrent insert of the same row makes this one do nothing ({@code ON CONFLICT DO NOTHING}); that row is
     * then locked as it stands. Call it in a transaction.
     */
    static <T> T lockOrCreate(Supplier<List<T>> locked, Runnable insertIfAbsent) {
        List<T> row = locked.get();
        if (row.isEmpty()) {
            insertIfAbsent.run();
            row = locked.get();
        }
        return row.get(0);
    }

    /** What a subject has spent, as of a time (microseconds). */
    private record Budget(double spent, long asOf) {
    }

    /**
     * The subject's row, locked (created first when it has none), and what it has spent at {@code at}: a clock that
     * went back (another node's, a moment ago) earns nothing back, and counts from the row's time.
     */
    private Budget lock(Limit limit, String subject, long at) {
        Budget stored = lockOrCreate(() -> locked(limit, subject), () -> jdbc.update("""
                insert into rate_limit_budgets (scope, subject, spent, updated_at, forget_at) values (?, ?, 0, ?, ?)
                on conflict do nothing""", limit.scope(), subject, at, at));
        long asOf = Math.max(at, stored.asOf());
        return new Budget(Math.max(0, stored.spent() - (asOf - stored.asOf()) * limit.rate()), asOf);
    }

    private List<Budget> locked(Limit limit, String subject) {
        return jdbc.query("select spent, updated_at from rate_limit_budgets where scope = ? and subject = ? for update",
                (rs, i) -> new Budget(rs.getDouble(1), rs.getLong(2)), limit.scope(), subject);
    }

    /** Stores the budget; the row can be forgotten once all of it is earned back. */
    private void write(Limit limit, String subject, Budget budget) {
        long full = budget.asOf() + (long) Math.ceil(budget.spent() / limit.rate());
        jdbc.update("""
                update rate_limit_budgets set spent = ?, updated_at = ?, forget_at = ?
                where scope = ? and subject = ?""", budget.spent(), budget.asOf(), full, limit.scope(), subject);
    }
}
