package io.exchangebus.connectors.grvt.config;

import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.grvt.auth.GrvtApiKeyLogin;
import java.util.Objects;

/**
 * One account's GRVT settings, its secrets read (grvt.md §3): the API key that logs in on the edge host, the
 * trading sub-account the roles act for (a uint64 id, in decimal), and the EIP-712 signing key of the OMS. Several
 * sub-accounts reached with one key are several accounts with the same key.
 *
 * @param account     our name of the account
 * @param apiKey      the API key; a {@link Secret}: it alone logs in, so it is never shown
 * @param subAccount  the trading sub-account id
 * @param signingKey  the private key orders are signed with (hex); used by the OMS only
 * @param fundingAccount whether the PMS also polls the main (funding) account's balances
 */
public record GrvtAccount(String account, Secret apiKey, String subAccount, Secret signingKey,
                          boolean fundingAccount) {

    public GrvtAccount {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(subAccount, "subAccount");
        Objects.requireNonNull(signingKey, "signingKey");
    }

    /** The login request of this account's key. */
    public GrvtApiKeyLogin login() {
        return new GrvtApiKeyLogin(apiKey);
    }

    @Override
    public String toString() {
        return "GrvtAccount[" + account + ", sub-account " + subAccount + ", api-key=redacted, signing-key=redacted"
                + (fundingAccount ? ", funding account" : "") + "]";
    }
}
