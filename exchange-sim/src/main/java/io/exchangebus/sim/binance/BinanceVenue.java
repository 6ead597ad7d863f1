package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderType;
import io.exchangebus.sim.engine.RejectReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that differs between Binance's API families, in one type per family ({@link SpotVenue},
 * {@link UsdmVenue}): paths, weights and limits, the order types and fields each accepts, the error codes each
 * returns, how numbers and orders render, balance versus position effects, and WebSocket-API subscriptions versus
 * listenKey streams for user data. The shared machinery asks this type instead of testing the family.
 */
abstract sealed class BinanceVenue permits SpotVenue, UsdmVenue {

    /** How a Binance order type maps onto the engine: its type, whether it takes a price, whether it triggers. */
    record OrderKind(OrderType engineType, boolean limitPriced, boolean stop) {
    }

    static BinanceVenue of(BinanceFamily family) {
        return switch (family) {
            case SPOT -> new SpotVenue();
            case USDM -> new UsdmVenue();
        };
    }

    abstract BinanceFamily family();

    /** Called once by the core it serves, before any request (the family's renderers keep per-core state). */
    abstract void attach(BinanceCore core);

    // ---- set-up ---------------------------------------------------------------------------------------------

    /** The REST prefix shown in {@code describeEndpoints}: {@code /api/v3} or {@code /fapi}. */
    abstract String restPrefix();

    abstract String wsApiPath();

    /** Server ping interval as documented. */
    abstract int pingSeconds();

    abstract int defaultWeightPerMinute();

    abstract int defaultStreamLimit();

    abstract BinanceSymbol defaultSymbol();

    abstract Instrument instrument(BinanceSymbol s);

    /** Funds {@code launch}'s demo account. */
    abstract void fundDemo(BinanceSimulator sim, String account);

    abstract RateLimiter.Window[] orderWindows();

    /** Weights shared by REST and the WebSocket API: query order, open orders, account. */
    abstract int orderStatusWeight();

    abstract int openOrdersWeight(Map<String, String> p);

    abstract int accountWeight();

    /** exchangeInfo's family parts: rate limits, assets, one symbol. */
    abstract void exchangeInfoHead(ObjectNode out, ArrayNode limits, int weightLimit, BinanceCore core);

    /** What exchangeInfo puts after {@code exchangeFilters} (USDⓈ-M: the margin assets). */
    abstract void exchangeInfoAssets(ObjectNode out, BinanceCore core);

    abstract ObjectNode exchangeInfoSymbol(BinanceSymbol s);

    abstract void restRoutes(BinanceRestServer rest, BinanceCore core, ListenKeys listenKeys);

    /** Registers the family's WebSocket-API methods (beyond ping, time, exchangeInfo, session and orders). */
    abstract void wsApiMethods(WsApi api, BinanceCore core, ListenKeys listenKeys);

    // ---- order entry ---------------------------------------------------------------------------------------

    /** The engine type of a Binance {@code type}, or -1116. */
    abstract OrderKind orderKind(String type);

    /** Whether {@code timeInForce=GTX} (post-only) is accepted. */
    abstract boolean acceptsGtx();

    /** Whether sending {@code timeInForce} or {@code stopPrice} where not required is -1106. */
    abstract boolean rejectsUnneededParameters();

    abstract boolean reduceOnly(Map<String, String> p);

    abstract String defaultRespType(String type);

    /** Checks done before the engine sees the order (USDⓈ-M: reduce-only and margin). */
    abstract void checkBeforePlace(BinanceCore core, String account, BinanceSymbol s,
                                   io.exchangebus.sim.engine.OrderRequest r, boolean reduceOnly);

    // ---- errors that differ --------------------------------------------------------------------------------

    abstract BinanceException belowNotional(BinanceSymbol s);

    abstract BinanceException duplicateClientId();

    abstract BinanceException priceOutOfRange(BinanceSymbol s, BigDecimal price);

    abstract BinanceException priceOffTick();

    abstract BinanceException quantityNotPositive(String filter);

    abstract BinanceException quantityOutOfRange(String filter, boolean aboveMax);

    abstract BinanceException quantityOffStep(String filter);

    /** The rejection of an engine reason this family words its own way, if it does. */
    abstract Optional<BinanceException> rejection(RejectReason reason);

    /** allOrders' widest startTime..endTime, and the error past it. */
    abstract long allOrdersMaxRange();

    abstract BinanceException allOrdersRangeTooWide();

    /** GET depth: the limit asked, validated (default and allowed values differ). */
    abstract int depthLimit(Map<String, String> p);

    // ---- rendering -----------------------------------------------------------------------------------------

    abstract String binanceType(OrderState o);

    /** How a post-only time in force is shown: GTC (spot, as LIMIT_MAKER) or GTX. */
    abstract String postOnlyTif();

    abstract int priceScale(BinanceSymbol s);

    abstract int quantityScale(BinanceSymbol s);

    abstract int quoteScale();

    abstract ObjectNode placed(BinanceCore core, BinanceCore.NewOrder order, CommandResult result,
                               BinanceCore.Meta meta);

    abstract ObjectNode order(BinanceCore core, OrderState state, BinanceCore.Meta meta);

    abstract ObjectNode canceled(BinanceCore core, OrderState state, BinanceCore.Meta meta, String cancelCid);

    abstract void depthExtras(ObjectNode out, long now);

    // ---- user data -----------------------------------------------------------------------------------------

    /** Whether an amendment is reported to the owner (only USDⓈ-M has amendments). */
    abstract boolean reportsAmendments();

    /** The user-data events of one order event, in order. */
    abstract List<ObjectNode> orderEvents(BinanceCore core, BinanceSymbol s, OrderState o, BinanceCore.Meta meta,
                                          String exec, Fill fill, Liquidity liquidity, long time);

    abstract List<ObjectNode> depositEvents(BinanceCore core, String account, String asset, BigDecimal amount);

    /** Where user data goes: WebSocket-API subscriptions (spot) or listenKey streams (USDⓈ-M). */
    abstract BinanceCore.UserEventSink userData(BinanceWsServer ws, ListenKeys listenKeys);

    /** Whether {@code /ws/<name>} without {@code @} is a listenKey stream. */
    abstract boolean listenKeyPaths();

    /** Whether session.status tells whether user data is subscribed. */
    abstract boolean sessionShowsUserData();

    // ---- market streams ------------------------------------------------------------------------------------

    /** The diff-depth stream names of a lower-case symbol. */
    abstract List<String> diffStreams(String lower);

    abstract ObjectNode depthUpdate(BinanceCore core, BinanceSymbol s, EngineEvent.BookDiff diff);

    /** Whether a {@code @trade} stream exists (spot only). */
    abstract boolean tradeStream();

    /** Whether aggTrade carries the ignored {@code M} field. */
    abstract boolean aggTradeHasM();

    abstract long defaultPartialIntervalMillis();

    abstract ObjectNode partialDepth(BinanceCore core, BinanceSymbol s,
                                     io.exchangebus.sim.engine.BookSnapshot book, long previousUpdateId);
}
