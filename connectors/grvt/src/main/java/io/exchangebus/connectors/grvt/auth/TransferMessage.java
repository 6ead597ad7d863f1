package io.exchangebus.connectors.grvt.auth;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * GRVT's signed {@code Transfer} message between (sub-)accounts, as integers: {@code numTokens =
 * trunc(num_tokens × 10^balance_decimals)} (USDT: 6 decimals, currency id 3). Not used by any role yet; it is here
 * because the SDK's vectors sign it with the same domain, so it checks the domain and the encoder a second way.
 *
 * @param fromAccount the sending main account address
 * @param fromSubAccount the sending sub-account, 0 for the main account ({@code uint64})
 * @param toAccount the receiving main account address
 * @param toSubAccount the receiving sub-account, 0 for the main account
 * @param tokenCurrency GRVT's currency id ({@code uint8})
 * @param numTokens the amount in the currency's smallest unit ({@code uint64})
 * @param nonce {@code uint32}
 * @param expiration unix nanoseconds
 */
public record TransferMessage(String fromAccount, BigInteger fromSubAccount, String toAccount,
                              BigInteger toSubAccount, int tokenCurrency, BigInteger numTokens, long nonce,
                              long expiration) {

    public TransferMessage {
        Objects.requireNonNull(fromAccount, "fromAccount");
        Objects.requireNonNull(toAccount, "toAccount");
        Objects.requireNonNull(fromSubAccount, "fromSubAccount");
        Objects.requireNonNull(toSubAccount, "toSubAccount");
        Objects.requireNonNull(numTokens, "numTokens");
    }

    /** {@code trunc(amount × 10^balanceDecimals)}, exactly. */
    public static BigInteger tokens(BigDecimal amount, int balanceDecimals) {
        return amount.movePointRight(balanceDecimals).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }
}
