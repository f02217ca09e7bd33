package io.matterflow.access;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.H2Test;

@H2Test
@AutoConfigureMockMvc
class ApiTokensOnH2Tests extends ApiTokenScenarios {
}
