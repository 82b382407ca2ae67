/**
 * Record batches as they travel on the wire: the log batch header and its CRC, the ARROW log body
 * (Arrow schemas of Fluss row types, row writers and readers over Arrow vectors, batch encoding and
 * decoding), and the row encodings of the other log and KV formats.
 */
package io.flussreactive.internal.record;
