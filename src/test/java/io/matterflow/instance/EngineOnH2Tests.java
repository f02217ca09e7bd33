package io.matterflow.instance;

import io.matterflow.support.H2Test;

@H2Test
class EngineOnH2Tests extends EngineScenarios {
}
