package io.matterflow.webhook;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.H2Test;

@H2Test
@AutoConfigureMockMvc
class ProviderSessionsOnH2Tests extends ProviderSessionScenarios {
}
