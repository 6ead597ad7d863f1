package io.exchangebus.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.exchangebus.localstack.LocalStackException;

class RegistryLocatorTest {

    @TempDir
    Path root;

    @Test
    void shouldExplainHowToBuildTheRegistryWhenItIsMissing() {
        RegistryLocator locator = new RegistryLocator(Map.<String, String>of()::get, Map.<String, String>of()::get, root);

        assertThatThrownBy(locator::locate)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("mvn -pl schema-registry package")
                .hasMessageContaining(RegistryLocator.PROPERTY)
                .hasMessageContaining(RegistryLocator.ENV)
                .hasMessageContaining(root.toString());
    }

    @Test
    void shouldNameTheMissingFileWhenThePropertyPointsNowhere() {
        Path missing = root.resolve("nowhere/quarkus-run.jar");
        RegistryLocator locator = new RegistryLocator(
                Map.of(RegistryLocator.PROPERTY, missing.toString())::get, Map.<String, String>of()::get, root);

        assertThatThrownBy(locator::locate)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("mvn -pl schema-registry package");
    }

    @Test
    void shouldFindTheRegistryOfAnEnclosingProject() throws IOException {
        Path jar = createJar(root.resolve(RegistryLocator.RELATIVE_PATH));
        Path moduleDir = Files.createDirectories(root.resolve("local-stack/target"));
        RegistryLocator locator = new RegistryLocator(Map.<String, String>of()::get, Map.<String, String>of()::get, moduleDir);

        assertThat(locator.locate()).isEqualTo(jar);
    }

    @Test
    void shouldPreferThePropertyToTheEnvironmentAndTheEnvironmentToTheSearch() throws IOException {
        Path byProperty = createJar(root.resolve("a/quarkus-run.jar"));
        Path byEnv = createJar(root.resolve("b/quarkus-run.jar"));
        createJar(root.resolve(RegistryLocator.RELATIVE_PATH));
        Map<String, String> env = Map.of(RegistryLocator.ENV, byEnv.toString());

        assertThat(new RegistryLocator(Map.of(RegistryLocator.PROPERTY, byProperty.toString())::get, env::get, root)
                .locate()).isEqualTo(byProperty);
        assertThat(new RegistryLocator(Map.<String, String>of()::get, env::get, root).locate()).isEqualTo(byEnv);
    }

    private static Path createJar(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.write(path, new byte[] {0});
    }
}
