package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code /users/{id}} against the embedded cluster: lookups, upserts and deletes by key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UsersIT {

    @Autowired
    private WebTestClient web;

    @Test
    void aUserPutIsFoundReplacedByTheNextPutAndGoneAfterADelete() {
        User created = web.put().uri("/users/ada")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(User.class).returnResult().getResponseBody();
        assertThat(created.id()).isEqualTo("ada");
        assertThat(created.updatedAt()).isNotNull();

        web.get().uri("/users/ada").exchange()
                .expectStatus().isOk()
                .expectBody(User.class).isEqualTo(created);
        web.get().uri("/users/ada").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("ada")
                .jsonPath("$.name").isEqualTo("Ada")
                .jsonPath("$.email").isEqualTo("ada@example.com");

        web.put().uri("/users/ada")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Ada Lovelace\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(User.class);
        web.get().uri("/users/ada").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Ada Lovelace")
                .jsonPath("$.email").doesNotExist();

        web.delete().uri("/users/ada").exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();
        web.get().uri("/users/ada").exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.title").isEqualTo("User not found")
                .jsonPath("$.detail").isEqualTo("No user has the id 'ada'");
    }

    @Test
    void aUserNeverPutIsNotFound() {
        web.get().uri("/users/nobody").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No user has the id 'nobody'");
    }

    @Test
    void aUserWithoutANameOrABodyThatIsNotJsonIsRefused() {
        web.put().uri("/users/grace")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"grace@example.com\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("'name' is missing");
        web.put().uri("/users/grace")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.status").isEqualTo(400);
        web.get().uri("/users/grace").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }
}
