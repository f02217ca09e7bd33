package io.matterflow.webhook;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.PostgresTest;

@PostgresTest
@AutoConfigureMockMvc
class ProviderSessionsOnPostgresTests extends ProviderSessionScenarios {
}
