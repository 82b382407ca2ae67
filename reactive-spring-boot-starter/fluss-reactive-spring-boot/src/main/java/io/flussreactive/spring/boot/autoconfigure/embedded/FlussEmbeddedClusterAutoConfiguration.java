package io.flussreactive.spring.boot.autoconfigure.embedded;

import io.flussreactive.FlussClient;
import io.flussreactive.spring.boot.autoconfigure.FlussAutoConfiguration;
import io.flussreactive.spring.boot.autoconfigure.FlussConnectionDetails;
import io.flussreactive.test.EmbeddedFlussCluster;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Development services: with {@code fluss.embedded.enabled=true} and {@code fluss-reactive-test} on the
 * class path, an {@link EmbeddedFlussCluster} with {@code fluss.embedded.tablet-servers} tablet servers
 * starts with the application context, the client connects to it, and it stops when the context closes.
 *
 * <p>Its {@link FlussConnectionDetails} are {@link Primary}: with the property on, the client talks to the
 * embedded cluster even when the application has connection details of its own (say, for production) or
 * sets {@code fluss.bootstrap-servers}. An {@link EmbeddedFlussCluster} bean of the application's own
 * (or the one a test annotation registers) is used instead of starting another.
 *
 * <p>Every {@link FlussClient} bean, and the bean that makes it, depends on the cluster: the cluster starts
 * before any client and stops only after every client closed, so that open writers can still send what
 * they hold.
 */
@AutoConfiguration(before = FlussAutoConfiguration.class)
@ConditionalOnClass(EmbeddedFlussCluster.class)
@ConditionalOnBooleanProperty("fluss.embedded.enabled")
@EnableConfigurationProperties(FlussEmbeddedProperties.class)
public final class FlussEmbeddedClusterAutoConfiguration {

    private static final Log logger = LogFactory.getLog(FlussEmbeddedClusterAutoConfiguration.class);

    /** Made by Spring from the auto-configuration imports. */
    public FlussEmbeddedClusterAutoConfiguration() {
    }

    // Starting blocks for a few seconds: it is the application's start-up, nothing else waits on it.
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedFlussCluster embeddedFlussCluster(FlussEmbeddedProperties properties) {
        EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder()
                .tabletServers(properties.tabletServers())
                .build()
                .start();
        logger.info("Started an embedded Fluss cluster with " + properties.tabletServers()
                + " tablet server(s) (fluss.embedded.enabled); bootstrap servers " + cluster.bootstrapServers());
        return cluster;
    }

    @Bean
    @Primary
    EmbeddedClusterConnectionDetails embeddedFlussConnectionDetails(EmbeddedFlussCluster cluster) {
        return new EmbeddedClusterConnectionDetails(cluster);
    }

    // Static: a post-processor must exist before the configuration's other beans are defined.
    @Bean
    static BeanFactoryPostProcessor flussClientsDependOnEmbeddedCluster() {
        return FlussEmbeddedClusterAutoConfiguration::makeClientsDependOnTheCluster;
    }

    /**
     * The client bean alone depending on the cluster is not enough: the bean that makes it (the
     * auto-configuration's closes its client) would otherwise be destroyed after the cluster whenever it
     * was created before it.
     */
    private static void makeClientsDependOnTheCluster(ConfigurableListableBeanFactory beanFactory) {
        String[] clusters = beanFactory.getBeanNamesForType(EmbeddedFlussCluster.class, true, false);
        if (clusters.length == 0) {
            return;
        }
        for (String client : beanFactory.getBeanNamesForType(FlussClient.class, true, false)) {
            if (!beanFactory.containsBeanDefinition(client)) {
                continue;
            }
            BeanDefinition definition = beanFactory.getBeanDefinition(client);
            dependOn(definition, clusters);
            String factoryBean = definition.getFactoryBeanName();
            if (factoryBean != null && beanFactory.containsBeanDefinition(factoryBean)) {
                dependOn(beanFactory.getBeanDefinition(factoryBean), clusters);
            }
        }
    }

    private static void dependOn(BeanDefinition definition, String[] beans) {
        String[] existing = definition.getDependsOn();
        LinkedHashSet<String> dependsOn = new LinkedHashSet<>();
        if (existing != null) {
            dependsOn.addAll(List.of(existing));
        }
        dependsOn.addAll(List.of(beans));
        definition.setDependsOn(dependsOn.toArray(String[]::new));
    }
}
