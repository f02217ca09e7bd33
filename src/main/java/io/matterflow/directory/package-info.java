/**
 * The host application's part: organizations, users, matters and their members.
 * Every other module reads people and matters through {@link io.matterflow.directory.Directory}.
 */
package io.matterflow.directory;
