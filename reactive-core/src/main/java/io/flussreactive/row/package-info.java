/** Rows of values: {@link io.flussreactive.row.Row} to read, {@link io.flussreactive.row.GenericRow} to build. */
package io.flussreactive.row;
