package io.matterflow.schema;

import io.matterflow.support.H2Test;

@H2Test
class SchemaOnH2Tests extends SchemaScenarios {
}
