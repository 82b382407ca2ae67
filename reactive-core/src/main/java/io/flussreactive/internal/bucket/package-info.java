/**
 * Which bucket a record goes to: the Fluss hash of bucket-key bytes, and the assigners of writers
 * (by key, sticky, round-robin).
 */
package io.flussreactive.internal.bucket;
