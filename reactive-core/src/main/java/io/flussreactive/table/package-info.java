/** Tables as the client addresses them. */
package io.flussreactive.table;
