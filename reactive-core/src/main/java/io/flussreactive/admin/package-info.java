/**
 * Descriptions of databases, tables, schemas and partitions: what a client sends to create them
 * and what the server describes back.
 */
package io.flussreactive.admin;
