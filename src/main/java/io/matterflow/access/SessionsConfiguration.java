package io.matterflow.access;

import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * UI sessions in the database (Spring Session JDBC, tables from V21): a signed-in person stays signed in when a node
 * restarts and on every node. Each session is indexed by its person's user id (not the email, which can change), so
 * that {@link Sessions} finds and ends all of a person's sessions from any node. Expired sessions are deleted by one
 * recurring task on the database-backed scheduler (run by one node at a time), not by Spring Session's cron on each
 * node, which {@code spring.session.jdbc.cleanup-cron=-} switches off.
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

    static final String PRUNE_TASK = "prune-expired-sessions";

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionsIndexedByUserId() {
        return repository -> repository.setIndexResolver(new UserIdIndexResolver());
    }

    /** Deletes the sessions idle for longer than their timeout, every {@code matterflow.sessions.prune-interval}. */
    @Bean
    RecurringTask<Void> pruneExpiredSessions(JdbcIndexedSessionRepository repository,
                                             @Value("${matterflow.sessions.prune-interval:10m}") Duration interval) {
        return Tasks.recurring(PRUNE_TASK, Schedules.fixedDelay(interval))
                .execute((instance, context) -> repository.cleanUpExpiredSessions());
    }

    /** The principal-name index of a session: the signed-in person's user id, or none before sign-in. */
    static final class UserIdIndexResolver implements IndexResolver<Session> {

        @Override
        public Map<String, String> resolveIndexesFor(Session session) {
            Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            if (context instanceof SecurityContext security) {
                Authentication authentication = security.getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof MatterflowPrincipal p) {
                    return Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                            p.account().id().toString());
                }
            }
            return Map.of();
        }
    }
}
