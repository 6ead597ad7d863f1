package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionListener;
import io.exchangebus.events.AccountUpdate;
import io.exchangebus.events.BalanceUpdate;
import io.exchangebus.events.PositionUpdate;
import java.util.concurrent.CompletableFuture;

/** Positions and account updates over the private WebSocket (used by {@code pms-service}). */
public interface Pms extends ExchangeRole {

    /**
     * Receives account data, marked {@code source = STREAM}; after a gap in the stream (a reconnect, an expired
     * listen key) the connector re-reads the account over HTTP and reports it marked {@code RECOVERY}, so the view
     * is right again. Called on the connector's delivery thread.
     */
    interface Listener extends ConnectionListener {
        /** Needs {@link Capability#POSITIONS}; never called on an exchange without derivatives. */
        void onPosition(PositionUpdate position);

        void onBalance(BalanceUpdate balance);

        void onAccount(AccountUpdate account);

        void onMalformedFrame(MalformedFrame frame);
    }

    /** Connects and authenticates; completes when the account stream is live. */
    CompletableFuture<Result<Void>> connect(Listener listener);
}
