package io.exchangebus.localstack.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Classpaths for child JVMs. */
public final class Classpath {

    private Classpath() {
    }

    /**
     * This JVM's classpath as a list of files, with manifest-only jars expanded: Maven Surefire and Failsafe
     * start tests with a single "booter" jar whose manifest {@code Class-Path} lists the real entries, and the jar
     * is deleted when the test JVM ends; a child gets the real entries instead.
     */
    public static List<String> current() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            entries.add(entry);
            entries.addAll(manifestClassPath(Paths.get(entry)));
        }
        return new ArrayList<>(entries);
    }

    /** The directory or jar that holds {@code type}'s class file. */
    public static String locationOf(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    private static List<String> manifestClassPath(Path jar) {
        List<String> result = new ArrayList<>();
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return result;
        }
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return result;
            }
            URI base = jar.toAbsolutePath().getParent().toUri();
            for (String item : classPath.trim().split("\\s+")) {
                if (!item.isEmpty()) {
                    result.add(Paths.get(base.resolve(item)).toString());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // Not a readable jar, or an entry we cannot resolve: the JVM would skip it as well.
        }
        return result;
    }
}
