package io.exchangebus.connectors.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public sample messages in {@code shared/fixtures}, beside the repository (CI clones main with shared/ beside
 * it). Found by walking up from the working directory, or at the system property {@code exbus.fixtures}. A test
 * that needs them fails, rather than skips, when they are missing.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path path(String relative) {
        String configured = System.getProperty("exbus.fixtures");
        if (configured != null) {
            return Path.of(configured).resolve(relative);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative);
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + Path.of("").toAbsolutePath()
                + " (set -Dexbus.fixtures=/path/to/shared/fixtures)");
    }
}
