/**
 * Shared kernel: the error types every module raises, the field-error shape they carry,
 * and the JSON mapper used for configs, payloads and JSON columns.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.matterflow.common;
