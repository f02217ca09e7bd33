package io.matterflow.instance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class EngineOnH2Tests extends EngineScenarios {
}
