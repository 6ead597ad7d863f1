package io.exchangebus.connectors.grvt.config;

import io.exchangebus.connectors.core.credentials.Secret;
import io.exchangebus.connectors.grvt.auth.GrvtApiKeyLogin;
import java.util.List;
import java.util.Objects;

/**
 * One account's GRVT settings, its secrets read (grvt.md §3): the API key that logs in on the edge host, the
 * trading sub-accounts the roles act for (uint64 ids, in decimal), and the EIP-712 signing key of the OMS.
 *
 * @param account     our name of the account
 * @param apiKey      the API key; a {@link Secret}: it alone logs in, so it is never shown
 * @param subAccounts the trading sub-account ids, the first the default; at least one
 * @param signingKey  the private key orders are signed with (hex); used by the OMS only
 * @param fundingAccount whether the PMS also polls the main (funding) account's balances
 */
public record GrvtAccount(String account, Secret apiKey, List<String> subAccounts, Secret signingKey,
                          boolean fundingAccount) {

    public GrvtAccount {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(apiKey, "apiKey");
        subAccounts = List.copyOf(subAccounts);
        if (subAccounts.isEmpty()) {
            throw new IllegalArgumentException("account " + account + " names no sub-account");
        }
        Objects.requireNonNull(signingKey, "signingKey");
    }

    /** The first sub-account: the one the roles use unless told otherwise. */
    public String subAccount() {
        return subAccounts.get(0);
    }

    /** The login request of this account's key. */
    public GrvtApiKeyLogin login() {
        return new GrvtApiKeyLogin(apiKey);
    }

    @Override
    public String toString() {
        return "GrvtAccount[" + account + ", sub-accounts " + subAccounts + ", api-key=redacted, signing-key=redacted"
                + (fundingAccount ? ", funding account" : "") + "]";
    }
}
