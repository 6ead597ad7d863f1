package io.exchangebus.oms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The exchange's client order id of each of our client order ids ({@code PlaceOrder.clientOrderId}), derived
 * deterministically so that the same command always names the same order at the exchange: that is what lets a
 * restarted OMS find an order it may have sent before a crash, and what makes the exchange refuse a second order
 * under the same id.
 *
 * <p>An id of up to 32 letters, digits, '_' and '-' (within every exchange's rules: Binance allows 36 of
 * {@code [.A-Z:/a-z0-9_-]}) is sent as it is. Any other is sent as {@code eb} + the first 30 hex digits of its
 * SHA-256 (120 bits); the OMS remembers the most recent such ids so that updates carry our id again.
 * Thread-safe.
 */
public final class ClientOrderIds {
    private static final Pattern PASSES = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int REMEMBERED = 100_000;

    private final Map<String, String> ours = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The exchange's client order id of {@code ourId}. */
    public String toExchange(String ourId) {
        String id = derive(ourId);
        if (!id.equals(ourId)) {
            synchronized (ours) {
                ours.put(id, ourId);
            }
        }
        return id;
    }

    /** Our client order id of an exchange's id: the one it was derived from when remembered, else itself. */
    public String toOurs(String exchangeId) {
        if (exchangeId == null) {
            return null;
        }
        synchronized (ours) {
            return ours.getOrDefault(exchangeId, exchangeId);
        }
    }

    /** The derivation itself: a pure function of {@code ourId}. */
    public static String derive(String ourId) {
        if (PASSES.matcher(ourId).matches()) {
            return ourId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ourId.getBytes(StandardCharsets.UTF_8));
            return "eb" + HexFormat.of().formatHex(digest).substring(0, 30);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
