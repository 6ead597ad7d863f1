package io.exchangebus.connectors.core.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a secret is kept, as configuration names it: {@code env:NAME} (an environment variable) or
 * {@code file:/path} (a file, such as a Kubernetes or Docker secret; one trailing newline is ignored). Secrets are
 * never written in configuration themselves.
 *
 * @param kind environment variable or file
 * @param location the variable's name or the file's path
 */
public record SecretRef(Kind kind, String location) {
    /** Where the secret lives. */
    public enum Kind { ENV, FILE }

    public SecretRef {
        Objects.requireNonNull(kind, "kind");
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a secret reference needs a variable name or a file path");
        }
    }

    /**
     * Parses {@code env:NAME} or {@code file:/path}.
     *
     * @throws IllegalArgumentException for anything else; the message does not repeat the text, which may be a
     *     secret pasted by mistake
     */
    public static SecretRef parse(String text) {
        if (text != null && text.startsWith("env:")) {
            return new SecretRef(Kind.ENV, text.substring(4));
        }
        if (text != null && text.startsWith("file:")) {
            return new SecretRef(Kind.FILE, text.substring(5));
        }
        throw new IllegalArgumentException("a secret is given as env:NAME or file:/path, never as its value");
    }

    /** Loads the secret from the process environment or the file system. */
    public Secret resolve() {
        return resolve(System::getenv);
    }

    /**
     * Loads the secret, reading environment variables through {@code environment}.
     *
     * @throws CredentialException naming the variable or file when it is missing, empty or unreadable
     */
    public Secret resolve(Function<String, String> environment) {
        String text = kind == Kind.ENV ? fromEnvironment(environment) : fromFile();
        if (text.isEmpty()) {
            throw new CredentialException("the secret in " + this + " is empty");
        }
        return Secret.of(text);
    }

    private String fromEnvironment(Function<String, String> environment) {
        String value = environment.apply(location);
        if (value == null) {
            throw new CredentialException("environment variable " + location + " is not set");
        }
        return value;
    }

    private String fromFile() {
        Path path = Path.of(location);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            // The cause names the path and the I/O failure only; it never holds file content.
            throw new CredentialException("cannot read secret file " + path + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Whether others than the owner may read the file (a warning sign for a secret file), where POSIX says. */
    public boolean isReadableByOthers() {
        if (kind != Kind.FILE) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(Path.of(location));
            return permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + location;
    }
}
