package io.exchangebus.connectors.core.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of account key a connector accepts ({@code accounts.*.key-type}), as it declares it.
 *
 * @param name the value configuration gives, lower case: {@code hmac}, {@code ed25519}, {@code secp256k1}
 * @param description what the secret holds and in which form, for the configuration reference
 */
public record KeyTypeSpec(String name, String description) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public KeyTypeSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a key type is named in lower-case letters, digits and dashes, was '"
                    + name + "'");
        }
        Objects.requireNonNull(description, "description");
    }
}
