/**
 * Demo data for the embedded default: the "Demo Law LLP" firm, its four users, a matter and a published intake
 * template with one step of each action type.
 */
package io.matterflow.demo;
