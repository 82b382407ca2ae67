/**
 * Metrics and observations of a client, through Micrometer: give {@link io.flussreactive.observation.FlussObservability}
 * to {@link io.flussreactive.FlussClientOptions.Builder#observability}. The types here need Micrometer on the
 * class path; a client configured without them does not.
 */
package io.flussreactive.observation;
