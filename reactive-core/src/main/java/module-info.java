/**
 * fluss-reactive: a native, non-blocking Project Reactor client for Apache Fluss.
 *
 * <p>The API is the exported packages; everything under {@code io.flussreactive.internal} is the
 * client's machinery and may change in any release.
 */
module io.flussreactive.core {
    // Types of these modules appear in the API: Mono and Flux, Publisher, Arrow's VectorSchemaRoot.
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive org.apache.arrow.vector;
    requires transitive org.apache.arrow.memory.core;
    // RetryPolicies and CircuitBreakerPolicy hold resilience4j configurations and registries.
    requires transitive io.github.resilience4j.retry;
    requires transitive io.github.resilience4j.circuitbreaker;
    requires transitive io.github.resilience4j.core;
    requires io.github.resilience4j.reactor;
    // Optional: only an application that gives the client registries needs them; their types appear in
    // the API of io.flussreactive.observation.
    requires static transitive micrometer.core;
    requires static transitive micrometer.observation;
    requires static transitive micrometer.commons;
    requires static io.github.resilience4j.micrometer;
    // Optional: only the S3 remote file system (internal.storage.s3) uses the AWS SDK; no AWS type is in the API.
    requires static software.amazon.awssdk.services.s3;
    requires static software.amazon.awssdk.core;
    requires static software.amazon.awssdk.awscore;
    requires static software.amazon.awssdk.auth;
    requires static software.amazon.awssdk.regions;
    requires static software.amazon.awssdk.identity.spi;
    requires static software.amazon.awssdk.http;
    requires static software.amazon.awssdk.http.nio.netty;
    // Optional: only reading the KV snapshots of primary-key tables needs RocksDB.
    requires static frocksdbjni;

    requires reactor.netty.core;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires com.google.protobuf;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires org.apache.arrow.format;
    requires org.apache.arrow.compression;
    requires com.github.luben.zstd_jni;

    exports io.flussreactive;
    exports io.flussreactive.admin;
    exports io.flussreactive.error;
    exports io.flussreactive.lookup;
    exports io.flussreactive.observation;
    exports io.flussreactive.row;
    exports io.flussreactive.scan;
    exports io.flussreactive.storage;
    exports io.flussreactive.table;
    exports io.flussreactive.type;
    exports io.flussreactive.write;
}
