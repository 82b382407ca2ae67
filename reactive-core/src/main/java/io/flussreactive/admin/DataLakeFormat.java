package io.flussreactive.admin;

/**
 * The lakehouse format a table is tiered to (table property {@value
 * TableProperties#DATALAKE_FORMAT}). It matters to a client because it selects the key encoding
 * and the bucketing function.
 */
public enum DataLakeFormat {
    /** Apache Paimon. */
    PAIMON,
    /** Lance. */
    LANCE,
    /** Apache Iceberg. */
    ICEBERG
}
