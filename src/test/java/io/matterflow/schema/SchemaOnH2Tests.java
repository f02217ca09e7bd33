package io.matterflow.schema;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class SchemaOnH2Tests extends SchemaScenarios {
}
