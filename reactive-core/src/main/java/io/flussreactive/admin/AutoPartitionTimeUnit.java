package io.flussreactive.admin;

/**
 * How much time one automatically created partition covers (table property {@value
 * TableProperties#AUTO_PARTITION_TIME_UNIT}).
 */
public enum AutoPartitionTimeUnit {
    /** One partition per year, named {@code yyyy}. */
    YEAR,
    /** One partition per quarter, named {@code yyyyQ}. */
    QUARTER,
    /** One partition per month, named {@code yyyyMM}. */
    MONTH,
    /** One partition per day, named {@code yyyyMMdd}; the server's default. */
    DAY,
    /** One partition per hour, named {@code yyyyMMddHH}. */
    HOUR
}
