package io.flussreactive.samples.webflux;

/**
 * What {@code POST /events} answers: how many of the posted events were stored, and how many the cluster
 * refused or could not store in time.
 *
 * @param stored events stored and acknowledged
 * @param failed events whose write failed
 */
public record IngestReport(long stored, long failed) {
}
