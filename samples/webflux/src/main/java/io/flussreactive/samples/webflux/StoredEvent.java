package io.flussreactive.samples.webflux;

/**
 * An event read back from the events log.
 *
 * @param offset its offset in the log (the table has one bucket)
 * @param event the event
 */
public record StoredEvent(long offset, Event event) {
}
