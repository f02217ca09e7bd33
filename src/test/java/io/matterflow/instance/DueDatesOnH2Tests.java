package io.matterflow.instance;

import io.matterflow.support.H2Test;

@H2Test
class DueDatesOnH2Tests extends DueDateScenarios {
}
