package io.flussreactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's code that a test runs is the code of that test. */
class ReadmeExampleTest {

    /** Where the shown part of an example class starts. */
    private static final String MARKER = "// README.md shows what follows.\n";

    @Test
    void theStepVerifierExampleOfTheReadmeIsReadmeStepVerifierExampleIT() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/flussreactive/ReadmeStepVerifierExampleIT.java"));
        assertThat(source).contains(MARKER);
        String shown = source.substring(source.indexOf(MARKER) + MARKER.length());
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("```java\n" + shown + "```\n");
    }
}
