package io.matterflow.scheduler;

import io.matterflow.support.H2Test;

@H2Test
class HousekeepingOnH2Tests extends HousekeepingScenarios {
}
