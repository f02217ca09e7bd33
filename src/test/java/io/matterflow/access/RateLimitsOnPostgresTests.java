package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.common.EpochMicros;
import io.matterflow.support.PostgresTest;

/**
 * The database-kept limits under concurrency, on PostgreSQL: attempts racing for one budget (as several nodes'
 * requests do) never overdraw it, failures racing for one email all count, and a budget comes back evenly.
 */
@PostgresTest
class RateLimitsOnPostgresTests {

    private static final int THREADS = 8;

    @Autowired
    RateLimits rateLimits;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldNeverOverdrawABudgetWhenAttemptsRace() throws Exception {
        RateLimits.Limit limit = new RateLimits.Limit("test-race", 5, Duration.ofHours(1));
        String subject = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<Duration> answers = race(() -> rateLimits.take(limit, subject, now), 3 * THREADS);
        assertThat(answers.stream().filter(a -> a == null)).as("taken").hasSize(5);
        assertThat(answers.stream().filter(a -> a != null)).as("refused, each with its wait")
                .hasSize(3 * THREADS - 5).allSatisfy(wait -> assertThat(wait).isPositive()
                        .isLessThanOrEqualTo(Duration.ofMinutes(12)));
    }

    @Test
    void shouldEarnABudgetBackEvenlyAndGiveBackAnAttempt() {
        RateLimits.Limit limit = new RateLimits.Limit("test-refill", 4, Duration.ofMinutes(4));
        String subject = UUID.randomUUID().toString();
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            assertThat(rateLimits.take(limit, subject, now)).isNull();
        }
        assertThat(rateLimits.take(limit, subject, now).toMillis()).isCloseTo(60_000L, within(1L));
        assertThat(rateLimits.take(limit, subject, now.plusSeconds(30)).toMillis()).isCloseTo(30_000L, within(1L));
        assertThat(rateLimits.take(limit, subject, now.plusSeconds(60))).as("one earned back").isNull();
        assertThat(rateLimits.take(limit, subject, now.plusSeconds(60))).isNotNull();
        rateLimits.giveBack(limit, subject, now.plusSeconds(60));
        assertThat(rateLimits.take(limit, subject, now.plusSeconds(60))).as("given back").isNull();
        assertThat(jdbc.queryForObject("select forget_at from rate_limit_budgets where scope = ? and subject = ?",
                Long.class, limit.scope(), subject)).as("once all is earned back")
                .isCloseTo(EpochMicros.of(now.plusSeconds(60 + 4 * 60)), within(2L));
    }

    @Test
    void shouldCountEveryFailureWhenFailuresRace() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@firm.test";
        race(() -> {
            throttle.failed(email);
            return null;
        }, 4);
        assertThat(jdbc.queryForObject("select failures from sign_in_failures where email = ?", Integer.class, email))
                .isEqualTo(4);
        assertThat(throttle.lockedUntil(email)).as("not yet").isNull();
        throttle.failed(email);
        assertThat(throttle.lockedUntil(email)).isAfter(Instant.now().plus(throttle.lockout()).minusSeconds(60));
    }

    /** Runs the call {@code times} times from {@value #THREADS} threads released at once: the answers. */
    private static <T> List<T> race(Callable<T> call, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
