package io.matterflow.template;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.H2Test;

@H2Test
@AutoConfigureMockMvc
class TemplateTransferOnH2Tests extends TemplateTransferScenarios {
}
