package io.flussreactive.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path base;

    @Test
    void createsAFreshFolderUnderAParentThatDoesNotExistYet() {
        Path parent = base.resolve("not").resolve("yet");

        Path first = Directories.createFreshDirectory(parent, "cluster-");
        Path second = Directories.createFreshDirectory(parent, "cluster-");

        assertThat(first).isDirectory().hasParent(parent);
        assertThat(first.getFileName().toString()).startsWith("cluster-");
        assertThat(second).isDirectory().isNotEqualTo(first);
    }

    @Test
    void deletesAFolderWithEverythingInIt() throws Exception {
        Path root = base.resolve("root");
        Files.createDirectories(root.resolve("a").resolve("b"));
        Files.writeString(root.resolve("a").resolve("b").resolve("file"), "data");
        Files.writeString(root.resolve("top"), "data");

        Directories.deleteRecursively(root);

        assertThat(root).doesNotExist();
        assertThat(base).isEmptyDirectory();
    }

    @Test
    void deletingAFolderThatIsGoneDoesNothing() throws Exception {
        Directories.deleteRecursively(base.resolve("missing"));
        assertThat(base).isEmptyDirectory();
    }
}
