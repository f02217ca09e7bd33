package io.matterflow.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Base of tests that run the whole application on the embedded H2 database (in memory). */
@SpringBootTest
@ActiveProfiles("test")
public abstract class H2IntegrationTest {
}
