package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an exchange names our orders: the contract between our client order id ({@code PlaceOrder.clientOrderId})
 * and the exchange's, declared by each connector ({@link Oms#clientOrderIds()}). It says three things:
 * <ol>
 *   <li><b>Encoding</b>: the exchange's id of each of ours, a pure function of it ({@link #toExchange}), so that
 *       every process derives the same id and a restarted OMS can ask the exchange for an order it may have sent.</li>
 *   <li><b>Uniqueness</b>: what the exchange does with a second order under an id it already has
 *       ({@link #uniqueness()}, {@link #samePayloadIsDuplicate()}).</li>
 *   <li><b>Reverse</b>: whether our id can be read back from the exchange's alone ({@link #derivedOurs}); when it
 *       cannot ({@link #isDerivable} false), whoever sends the order must persist the pair before sending
 *       (oms-service writes it to its send-intent topic).</li>
 * </ol>
 * Two shapes exist, made by the factories: {@link #passThroughOrHash} (a text id sent as it is when it fits, else
 * a hash) and {@link #unsignedHash64} (a number derived from a hash). Immutable and thread-safe.
 */
public final class ClientOrderIdScheme {

    /** What the exchange does with a new order under an id it already holds. */
    public enum Uniqueness {
        /**
         * Refused while the order that holds the id is open (Binance {@code newClientOrderId}, GRVT
         * {@code client_order_id}). Once that order is closed the id may be used again, so a blind resend of an
         * order that filled places a second one: an uncertain command must still be looked up first.
         */
        REFUSED_WHILE_OPEN,
        /**
         * Not enforced (Deribit {@code label}): a resend is a second order, always; a look-up by the id may
         * return several orders.
         */
        NOT_ENFORCED
    }

    private final String exchange;
    private final String field;
    private final String rule;
    private final Uniqueness uniqueness;
    private final boolean samePayloadIsDuplicate;
    private final Pattern passes;
    private final String hashPrefix;
    private final int hexDigits;
    private final boolean numeric;

    private ClientOrderIdScheme(String exchange, String field, String rule, Uniqueness uniqueness,
                                boolean samePayloadIsDuplicate, Pattern passes, String hashPrefix, int hexDigits,
                                boolean numeric) {
        this.exchange = Objects.requireNonNull(exchange);
        this.field = Objects.requireNonNull(field);
        this.rule = Objects.requireNonNull(rule);
        this.uniqueness = Objects.requireNonNull(uniqueness);
        this.samePayloadIsDuplicate = samePayloadIsDuplicate;
        this.passes = passes;
        this.hashPrefix = hashPrefix;
        this.hexDigits = hexDigits;
        this.numeric = numeric;
    }

    /**
     * A text id: ours is sent as it is when it matches {@code passes} (which must lie within the exchange's own
     * rule), else as {@code hashPrefix} + the first {@code hexDigits} hex digits of its SHA-256. The reverse is
     * derived (the id itself) for ids that pass; a hashed one must be persisted by the sender. Two of our ids share
     * an exchange id only if their hashes agree in {@code 4 * hexDigits} bits: with n orders, odds about
     * n²/2^(4·hexDigits+1) (120 bits: 10^12 orders give under 10^-12).
     *
     * @param rule the exchange's own rule for the field, as its documentation states it (named in refusals)
     */
    public static ClientOrderIdScheme passThroughOrHash(String exchange, String field, String rule,
                                                        Uniqueness uniqueness, Pattern passes, String hashPrefix,
                                                        int hexDigits) {
        if (hexDigits < 16 || hexDigits > 64) {
            throw new IllegalArgumentException("hexDigits must be within 16..64, not " + hexDigits);
        }
        return new ClientOrderIdScheme(exchange, field, rule, uniqueness, false, passes, hashPrefix, hexDigits,
                false);
    }

    /**
     * An unsigned 64-bit number in [2^63, 2^64−1] (sent as its decimal text): the first 8 bytes of our id's
     * SHA-256 with the top bit set, so 63 bits of hash. Deterministic, but not reversible: the sender must persist
     * the pair. Where the exchange wants ids unique among open orders only, a clash needs two open orders whose
     * hashes agree in 63 bits: with n open orders, odds about n²/2^64 (10^4 open orders: 5·10^-12).
     *
     * @param samePayloadIsDuplicate whether the exchange ignores the very same signed request sent again
     */
    public static ClientOrderIdScheme unsignedHash64(String exchange, String field, String rule,
                                                     Uniqueness uniqueness, boolean samePayloadIsDuplicate) {
        return new ClientOrderIdScheme(exchange, field, rule, uniqueness, samePayloadIsDuplicate, null, null, 16,
                true);
    }

    /** The exchange whose contract this is. */
    public String exchange() {
        return exchange;
    }

    /** The field of the exchange's order request that carries the id, e.g. {@code newClientOrderId}. */
    public String field() {
        return field;
    }

    /** The exchange's rule for the field, as refusals name it. */
    public String rule() {
        return rule;
    }

    public Uniqueness uniqueness() {
        return uniqueness;
    }

    /** Whether the exchange ignores the very same signed request sent again (GRVT: same nonce and payload). */
    public boolean samePayloadIsDuplicate() {
        return samePayloadIsDuplicate;
    }

    /**
     * Whether an order that may have been sent must be looked up by its id before it is sent again. True for every
     * contract known: {@link Uniqueness#NOT_ENFORCED} would place it twice, and {@link Uniqueness#REFUSED_WHILE_OPEN}
     * would too once the first one closed; a duplicate-payload rule holds only for the same signature, which a
     * resend made later (new nonce, new expiry) does not have.
     */
    public boolean mustLookUpBeforeResend() {
        return true;
    }

    /**
     * The exchange's id of {@code ours}; an error ({@code INVALID_ORDER}, code {@code CLIENT_ORDER_ID}, naming the
     * exchange's rule) when ours is empty.
     */
    public Result<String> toExchange(String ours) {
        if (ours == null || ours.isEmpty()) {
            return Result.err(ExchangeError.invalidOrder(exchange, "CLIENT_ORDER_ID", "the client order id is "
                    + "empty; " + exchange + " " + field + ": " + rule));
        }
        return Result.ok(derive(ours));
    }

    /** Whether our id can be read back from the exchange's id of {@code ours} alone; if not, it must be persisted. */
    public boolean isDerivable(String ours) {
        return !numeric && passes.matcher(ours).matches();
    }

    /**
     * Our id read back from the exchange's, when that id is one that can only have been sent as it is; empty when
     * it may be a hash (then the persisted pair says, if any). An id that passes is taken as ours even if a hash
     * happened to look the same: a persisted pair, consulted first, settles that.
     */
    public Optional<String> derivedOurs(String theirs) {
        return numeric || theirs == null || !passes.matcher(theirs).matches() ? Optional.empty()
                : Optional.of(theirs);
    }

    private String derive(String ours) {
        if (!numeric && passes.matcher(ours).matches()) {
            return ours;
        }
        byte[] digest = sha256(ours);
        if (numeric) {
            long value = ByteBuffer.wrap(digest).getLong() | Long.MIN_VALUE;
            return Long.toUnsignedString(value);
        }
        return hashPrefix + HexFormat.of().formatHex(digest).substring(0, hexDigits);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return exchange + " " + field + " (" + rule + "; " + uniqueness + ")";
    }
}
