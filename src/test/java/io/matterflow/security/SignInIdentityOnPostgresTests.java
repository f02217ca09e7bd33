package io.matterflow.security;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.matterflow.support.PostgresTest;

@PostgresTest
@AutoConfigureMockMvc
class SignInIdentityOnPostgresTests extends SignInIdentityScenarios {
}
