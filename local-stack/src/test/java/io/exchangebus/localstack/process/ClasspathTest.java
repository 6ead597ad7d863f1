package io.exchangebus.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathTest {

    @TempDir
    Path dir;

    @Test
    void shouldExpandAManifestOnlyJarIntoItsEntries() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path booter = dir.resolve("booter/booter.jar");
        Files.createDirectories(booter.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "../lib/a.jar " + lib.resolve("b dir").toUri());
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        String saved = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", booter.toString());

            assertThat(Classpath.current()).containsExactly(
                    booter.toString(), lib.resolve("a.jar").toString(), lib.resolve("b dir").toString());
        } finally {
            System.setProperty("java.class.path", saved);
        }
    }

    @Test
    void shouldLocateTheDirectoryOrJarOfAClass() {
        assertThat(Path.of(Classpath.locationOf(ParentWatchdog.class)).resolve(
                "io/exchangebus/localstack/process/ParentWatchdog.class")).exists();
    }
}
