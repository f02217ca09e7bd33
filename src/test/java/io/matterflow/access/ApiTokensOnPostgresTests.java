package io.matterflow.access;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.PostgresTest;

@PostgresTest
@AutoConfigureMockMvc
class ApiTokensOnPostgresTests extends ApiTokenScenarios {
}
