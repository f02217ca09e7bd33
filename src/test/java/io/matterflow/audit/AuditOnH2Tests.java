package io.matterflow.audit;

import io.matterflow.support.H2Test;

@H2Test
class AuditOnH2Tests extends AuditScenarios {
}
