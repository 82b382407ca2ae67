/**
 * The Fluss data types: one immutable record per type, all implementing the sealed {@link
 * io.flussreactive.type.DataType}, and the {@link io.flussreactive.type.DataTypes} factories to
 * create them.
 */
package io.flussreactive.type;
