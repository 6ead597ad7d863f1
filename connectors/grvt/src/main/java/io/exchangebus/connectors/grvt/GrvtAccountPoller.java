package io.exchangebus.connectors.grvt;

import com.fasterxml.jackson.databind.JsonNode;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.grvt.http.GrvtRestClient;
import io.exchangebus.connectors.grvt.mapping.PrivateContext;
import io.exchangebus.events.EventSource;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * GRVT has no balance stream (grvt.md §7), so balances and margin are read by polling: the trading sub-account's
 * {@code account_summary} and, when configured, the main account's {@code funding_account_summary}. Only what
 * changed since the last read is published ({@link GrvtAccountChanges}, a vanished currency as a zero balance). The
 * funding account's balances carry sub-account {@value #FUNDING}, the trading sub-account's its id: the two are
 * never mixed.
 *
 * <p>Not thread-safe: the PMS calls it on its one delivery thread, and completes reads there.
 */
final class GrvtAccountPoller {

    /** The sub-account value of the funding (main) account's balances. */
    static final String FUNDING = "funding";

    private final GrvtRestClient rest;
    private final String account;
    private final String subAccount;
    private final boolean fundingAccount;
    private final GrvtAccountChanges changes;

    GrvtAccountPoller(GrvtRestClient rest, String account, String subAccount, boolean fundingAccount, Clock clock) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.account = Objects.requireNonNull(account, "account");
        this.subAccount = Objects.requireNonNull(subAccount, "subAccount");
        this.fundingAccount = fundingAccount;
        this.changes = new GrvtAccountChanges(subAccount, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Reads the account(s) and returns what changed, marked {@code source}; with {@code everything}, all of it
     * (after a reconnect, so the view is whole again). Errors are returned, the last state kept.
     */
    CompletableFuture<Result<GrvtAccountChanges.Changes>> poll(EventSource source, boolean everything) {
        PrivateContext ctx = new PrivateContext(account, source);
        CompletableFuture<Result<JsonNode>> trading = rest.read("v1/account_summary",
                GrvtRestClient.body().put("sub_account_id", subAccount));
        CompletableFuture<Result<JsonNode>> funding = fundingAccount
                ? rest.read("v1/funding_account_summary", GrvtRestClient.body())
                : CompletableFuture.completedFuture(null);
        return trading.thenCombine(funding, (t, f) -> changes.of(t, f, ctx, everything));
    }
}
