package io.exchangebus.streams.dashboard.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without the browser fails the browser tests with what to install; it does not skip them. */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty(HeadlessChromium.CHROMIUM_PROPERTY);
        System.clearProperty(HeadlessChromium.CHROMEDRIVER_PROPERTY);
    }

    @Test
    void shouldFailNamingTheDebianPackagesWhenChromiumIsMissing() {
        System.setProperty(HeadlessChromium.CHROMIUM_PROPERTY, dir.resolve("no-chromium").toString());

        assertThatThrownBy(() -> HeadlessChromium.start(dir, 800, 600))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chromium is not installed at " + dir.resolve("no-chromium"))
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void shouldFailNamingTheDebianPackagesWhenChromedriverIsMissing() throws IOException {
        // Whatever this machine has installed: the browser is "there" (an executable file), the driver is not.
        Path chromium = Files.createFile(dir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        System.setProperty(HeadlessChromium.CHROMIUM_PROPERTY, chromium.toString());
        System.setProperty(HeadlessChromium.CHROMEDRIVER_PROPERTY, dir.resolve("no-driver").toString());

        assertThatThrownBy(() -> HeadlessChromium.start(dir, 800, 600))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chromedriver is not installed at " + dir.resolve("no-driver"))
                .hasMessageContaining("chromium-driver");
    }
}
