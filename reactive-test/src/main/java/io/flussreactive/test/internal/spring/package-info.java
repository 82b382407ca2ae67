/**
 * Spring TestContext support of {@link io.flussreactive.test.FlussTestCluster}: a context customizer
 * that hands a Spring test's application context the shared embedded cluster.
 */
package io.flussreactive.test.internal.spring;
