/**
 * Shared kernel: the error types every module raises, the field-error shape they carry,
 * and the JSON mapper used for configs, payloads and JSON columns. It knows no web API (servlets, Spring MVC):
 * what controllers share lives in {@code io.matterflow.common.web}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.matterflow.common;
