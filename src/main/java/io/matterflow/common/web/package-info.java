/**
 * What the modules' controllers share and the kernel must not know about: paging parameters and the page shape of
 * the API ({@link io.matterflow.common.web.Paging}, {@link io.matterflow.common.web.PageResponse}), the page
 * controllers' marker ({@link io.matterflow.common.web.UiController}), the one-line messages shown after a redirect
 * ({@link io.matterflow.common.web.Flash}) and problem details written by filters
 * ({@link io.matterflow.common.web.Problems}). The kernel package {@code io.matterflow.common} depends on no web API;
 * {@code ModularityTests} checks it.
 */
package io.matterflow.common.web;
