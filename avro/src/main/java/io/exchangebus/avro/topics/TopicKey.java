package io.exchangebus.avro.topics;

/**
 * How a topic's record key is formed. Keys are UTF-8 strings whose parts are joined by ':'; no part may contain
 * ':' itself, so a key splits back into its parts without ambiguity.
 */
public enum TopicKey {
    /** {@code exchange:symbol}: one partition per book or trade stream, so its order holds. */
    EXCHANGE_SYMBOL("exchange:symbol"),
    /** {@code exchange:account}: one partition per account, so commands, acks and updates stay in order. */
    EXCHANGE_ACCOUNT("exchange:account"),
    /** {@code exchange:account:instrumentId}: one current value per position, for a compacted topic. */
    EXCHANGE_ACCOUNT_INSTRUMENT("exchange:account:instrumentId"),
    /** {@code exchange:account:asset}: one current balance per account and asset, for a compacted topic. */
    EXCHANGE_ACCOUNT_ASSET("exchange:account:asset"),
    /** {@code instrumentId}: one value per instrument across venues, for the consolidated quote. */
    INSTRUMENT("instrumentId"),
    /** The key of the record that failed, copied as it was. */
    SOURCE_KEY("the failed record's key");

    private final String form;

    TopicKey(String form) {
        this.form = form;
    }

    /** The key's form, as written in the catalogue. */
    public String form() {
        return form;
    }

    /** Joins key parts with ':'. */
    public static String of(String... parts) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part == null || part.isEmpty() || part.indexOf(':') >= 0) {
                throw new IllegalArgumentException("A key part must be non-empty and must not contain ':' but was '"
                        + part + "' (part " + i + ")");
            }
            if (i > 0) {
                key.append(':');
            }
            key.append(part);
        }
        return key.toString();
    }

    /** {@code exchange:symbol}, the key of market topics. */
    public static String exchangeSymbol(String exchange, String symbol) {
        return of(exchange, symbol);
    }

    /** {@code exchange:account}, the key of order and account topics. */
    public static String exchangeAccount(String exchange, String account) {
        return of(exchange, account);
    }
}
