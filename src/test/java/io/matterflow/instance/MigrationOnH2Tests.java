package io.matterflow.instance;

import io.matterflow.support.H2Test;

@H2Test
class MigrationOnH2Tests extends MigrationScenarios {
}
