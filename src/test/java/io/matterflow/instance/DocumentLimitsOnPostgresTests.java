package io.matterflow.instance;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.PostgresTest;

@PostgresTest
@AutoConfigureMockMvc
class DocumentLimitsOnPostgresTests extends DocumentLimitsScenarios {
}
