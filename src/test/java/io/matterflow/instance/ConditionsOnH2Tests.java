package io.matterflow.instance;

import io.matterflow.support.H2Test;

@H2Test
class ConditionsOnH2Tests extends ConditionScenarios {
}
