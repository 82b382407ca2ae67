/**
 * The client's telemetry through Micrometer: loaded only when the application configured a registry, so
 * that the rest of the client runs without Micrometer on the class path.
 */
package io.flussreactive.internal.telemetry.micrometer;
