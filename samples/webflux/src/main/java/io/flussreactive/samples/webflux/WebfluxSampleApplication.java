package io.flussreactive.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * A Spring WebFlux application on the fluss-reactive starter: events streamed in over HTTP and out as
 * server-sent events, users kept in a primary-key table, and a page that shows the live stream. With
 * {@code fluss.embedded.enabled=true} (the default of this sample) it runs on a Fluss cluster it starts
 * itself.
 *
 * <p>Run it with {@code ./mvnw -q -Pwebflux-sample -DskipTests verify} from the repository root.
 */
@SpringBootApplication
public class WebfluxSampleApplication {

    /** Made by Spring. */
    public WebfluxSampleApplication() {
    }

    /**
     * Starts the application.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WebfluxSampleApplication.class);
        application.addListeners(new PageAddressPrinter());
        application.run(args);
    }

    /** Prints where the page is once the application serves requests: the one line a user looks for. */
    static final class PageAddressPrinter implements ApplicationListener<ApplicationReadyEvent> {

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            if (event.getApplicationContext() instanceof WebServerApplicationContext context) {
                System.out.printf("The WebFlux sample is ready: open http://localhost:%d/ (Ctrl-C stops it)%n",
                        context.getWebServer().getPort());
            }
        }
    }
}
