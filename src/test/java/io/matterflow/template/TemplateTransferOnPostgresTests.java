package io.matterflow.template;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.PostgresTest;

@PostgresTest
@AutoConfigureMockMvc
class TemplateTransferOnPostgresTests extends TemplateTransferScenarios {
}
