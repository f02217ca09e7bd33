package io.matterflow.audit;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;

@EnabledIfPostgres
@SpringBootTest
@ActiveProfiles("test")
class AuditOnPostgresTests extends AuditScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.register(registry);
    }
}
