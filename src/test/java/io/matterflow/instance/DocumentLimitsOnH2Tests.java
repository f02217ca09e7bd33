package io.matterflow.instance;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.H2Test;

@H2Test
@AutoConfigureMockMvc
class DocumentLimitsOnH2Tests extends DocumentLimitsScenarios {
}
