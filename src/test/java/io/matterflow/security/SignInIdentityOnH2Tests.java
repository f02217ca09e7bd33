package io.matterflow.security;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.H2Test;

@H2Test
@AutoConfigureMockMvc
class SignInIdentityOnH2Tests extends SignInIdentityScenarios {
}
