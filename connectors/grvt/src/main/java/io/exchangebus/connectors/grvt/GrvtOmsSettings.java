package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.grvt.auth.GrvtOrderSigner;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * What the GRVT OMS needs besides its connection.
 *
 * @param account our name of the account (in events; never a key)
 * @param subAccountId the trading sub-account, a uint64 ({@code sub_account_id})
 * @param signer signs each order, for the environment's chain id
 * @param signatureLifetime how far ahead an order's signature expires; GRVT refuses more than 30 days (2008), and a
 *        GOOD_TILL_TIME order lives at most until then (grvt.md §12), so the default,
 *        {@link #DEFAULT_SIGNATURE_LIFETIME}, keeps resting orders as long as GRVT allows, less an hour for clocks
 *        that run ahead of GRVT's
 * @param outcomeWait how long a create waits for its real order id on {@code v1.order}, and a cancel for its
 *        outcome, before answering without them (default {@link #DEFAULT_OUTCOME_WAIT})
 * @param cancelTtl {@code time_to_live_ms} of cancels by client order id: creations with that id arriving within it
 *        are dropped (100 ms to 5 s; default {@link #DEFAULT_CANCEL_TTL})
 */
public record GrvtOmsSettings(String account, BigInteger subAccountId, GrvtOrderSigner signer,
                              Duration signatureLifetime, Duration outcomeWait, Duration cancelTtl) {

    public static final Duration MAX_SIGNATURE_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_SIGNATURE_LIFETIME = MAX_SIGNATURE_LIFETIME.minusHours(1);
    public static final Duration DEFAULT_OUTCOME_WAIT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CANCEL_TTL = Duration.ofMillis(1000);

    public GrvtOmsSettings {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(subAccountId, "subAccountId");
        Objects.requireNonNull(signer, "signer");
        if (subAccountId.signum() < 0 || subAccountId.bitLength() > 64) {
            throw new IllegalArgumentException("subAccountId is not a uint64: " + subAccountId);
        }
        if (signatureLifetime.isNegative() || signatureLifetime.isZero()
                || signatureLifetime.compareTo(MAX_SIGNATURE_LIFETIME) > 0) {
            throw new IllegalArgumentException("signatureLifetime must be above zero and at most 30 days (GRVT "
                    + "2008), was " + signatureLifetime);
        }
        if (outcomeWait.isNegative()) {
            throw new IllegalArgumentException("outcomeWait must not be negative, was " + outcomeWait);
        }
        if (cancelTtl.toMillis() < 100 || cancelTtl.toMillis() > 5000) {
            throw new IllegalArgumentException("cancelTtl must be within 100 ms..5 s (GRVT), was " + cancelTtl);
        }
    }

    /** With the default lifetime, wait and cancel TTL. */
    public static GrvtOmsSettings of(String account, BigInteger subAccountId, GrvtOrderSigner signer) {
        return new GrvtOmsSettings(account, subAccountId, signer, DEFAULT_SIGNATURE_LIFETIME, DEFAULT_OUTCOME_WAIT,
                DEFAULT_CANCEL_TTL);
    }
}
