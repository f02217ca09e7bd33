package io.matterflow.condition;

/** A condition's answer: true, false, or not yet (a step it names has not ended). */
public enum Verdict {
    TRUE, FALSE, WAIT
}
