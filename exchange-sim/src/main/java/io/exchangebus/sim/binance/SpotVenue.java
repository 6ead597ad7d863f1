package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderType;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.java_websocket.WebSocket;

/**
 * Binance spot ({@code /api/v3}, {@code /ws-api/v3}): balances, not positions; filter failures (-1013) for bad
 * prices and quantities; user data over WebSocket-API subscriptions; numbers with 8 decimals.
 */
final class SpotVenue extends BinanceVenue {

    private SpotViews views;

    @Override
    BinanceFamily family() {
        return BinanceFamily.SPOT;
    }

    @Override
    void attach(BinanceCore core) {
        this.views = new SpotViews(core);
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    @Override
    String restPrefix() {
        return "/api/v3";
    }

    @Override
    String wsApiPath() {
        return "/ws-api/v3";
    }

    @Override
    int pingSeconds() {
        return 20;
    }

    @Override
    int defaultWeightPerMinute() {
        return 6000;
    }

    @Override
    int defaultStreamLimit() {
        return 1024;
    }

    @Override
    BinanceSymbol defaultSymbol() {
        return BinanceSymbol.spotBtcUsdt();
    }

    @Override
    Instrument instrument(BinanceSymbol s) {
        return s.spotInstrument();
    }

    @Override
    void fundDemo(BinanceSimulator sim, String account) {
        sim.deposit(account, "BTC", "10");
        sim.deposit(account, "USDT", "1000000");
    }

    @Override
    RateLimiter.Window[] orderWindows() {
        return new RateLimiter.Window[] {new RateLimiter.Window("ORDERS", "SECOND", 10, 50),
                new RateLimiter.Window("ORDERS", "DAY", 1, 160000)};
    }

    @Override
    int orderStatusWeight() {
        return 4;
    }

    @Override
    int openOrdersWeight(Map<String, String> p) {
        return p.containsKey("symbol") ? 6 : 80;
    }

    @Override
    int accountWeight() {
        return 20;
    }

    @Override
    void exchangeInfoHead(ObjectNode out, ArrayNode limits, int weightLimit, BinanceCore core) {
        BinanceMarketInfo.limit(limits, "REQUEST_WEIGHT", "MINUTE", 1, weightLimit);
        BinanceMarketInfo.limit(limits, "ORDERS", "SECOND", 10, 50);
        BinanceMarketInfo.limit(limits, "ORDERS", "DAY", 1, 160000);
        BinanceMarketInfo.limit(limits, "RAW_REQUESTS", "MINUTE", 5, 61000);
    }

    @Override
    void exchangeInfoAssets(ObjectNode out, BinanceCore core) {
    }

    @Override
    ObjectNode exchangeInfoSymbol(BinanceSymbol s) {
        return BinanceMarketInfo.spotSymbol(s);
    }

    @Override
    void restRoutes(BinanceRestServer rest, BinanceCore core, ListenKeys listenKeys) {
        SpotEndpoints.rest(this, rest, core, listenKeys);
    }

    @Override
    void wsApiMethods(WsApi api, BinanceCore core, ListenKeys listenKeys) {
        SpotEndpoints.wsApi(this, api, core, listenKeys);
    }

    SpotViews views() {
        return views;
    }

    // ---- order entry and errors ----------------------------------------------------------------------------

    @Override
    OrderKind orderKind(String type) {
        return switch (type) {
            case "LIMIT", "LIMIT_MAKER" -> new OrderKind(OrderType.LIMIT, true, false);
            case "MARKET" -> new OrderKind(OrderType.MARKET, false, false);
            case "STOP_LOSS" -> new OrderKind(OrderType.STOP_MARKET, false, true);
            case "STOP_LOSS_LIMIT" -> new OrderKind(OrderType.STOP_LIMIT, true, true);
            default -> throw new BinanceException(400, -1116, "Invalid orderType.");
        };
    }

    @Override
    boolean acceptsGtx() {
        return false;
    }

    @Override
    boolean rejectsUnneededParameters() {
        return true;
    }

    @Override
    boolean reduceOnly(Map<String, String> p) {
        return false;
    }

    @Override
    String defaultRespType(String type) {
        return type.equals("LIMIT") || type.equals("MARKET") ? "FULL" : "ACK";
    }

    @Override
    void checkBeforePlace(BinanceCore core, String account, BinanceSymbol s, OrderRequest r, boolean reduceOnly) {
        // The engine checks the balance.
    }

    @Override
    BinanceException belowNotional(BinanceSymbol s) {
        return BinanceException.filter("NOTIONAL");
    }

    @Override
    BinanceException duplicateClientId() {
        return new BinanceException(400, -2010, "Duplicate order sent.");
    }

    @Override
    BinanceException priceOutOfRange(BinanceSymbol s, BigDecimal price) {
        return BinanceException.filter("PRICE_FILTER");
    }

    @Override
    BinanceException priceOffTick() {
        return BinanceException.filter("PRICE_FILTER");
    }

    @Override
    BinanceException quantityNotPositive(String filter) {
        return BinanceException.filter(filter);
    }

    @Override
    BinanceException quantityOutOfRange(String filter, boolean aboveMax) {
        return BinanceException.filter(filter);
    }

    @Override
    BinanceException quantityOffStep(String filter) {
        return BinanceException.filter(filter);
    }

    @Override
    Optional<BinanceException> rejection(RejectReason reason) {
        return switch (reason) {
            case INSUFFICIENT_BALANCE -> Optional.of(
                    new BinanceException(400, -2010, "Account has insufficient balance for requested action."));
            case POST_ONLY_WOULD_CROSS -> Optional.of(
                    new BinanceException(400, -2010, "Order would immediately match and take."));
            default -> Optional.empty();
        };
    }

    @Override
    long allOrdersMaxRange() {
        return 86_400_000L;
    }

    @Override
    BinanceException allOrdersRangeTooWide() {
        return new BinanceException(400, -1127, "More than 24 hours between startTime and endTime.");
    }

    @Override
    int depthLimit(Map<String, String> p) {
        int limit = (int) (long) Objects.requireNonNullElse(BinanceCore.longParam(p, "limit"), 100L);
        if (limit < 1 || limit > 5000) {
            throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        return limit;
    }

    // ---- rendering -----------------------------------------------------------------------------------------

    @Override
    String binanceType(OrderState o) {
        return switch (o.type()) {
            case LIMIT -> o.timeInForce() == TimeInForce.POST_ONLY ? "LIMIT_MAKER" : "LIMIT";
            case MARKET -> "MARKET";
            case STOP_LIMIT -> "STOP_LOSS_LIMIT";
            case STOP_MARKET -> "STOP_LOSS";
        };
    }

    @Override
    String postOnlyTif() {
        return "GTC";
    }

    @Override
    int priceScale(BinanceSymbol s) {
        return 8;
    }

    @Override
    int quantityScale(BinanceSymbol s) {
        return 8;
    }

    @Override
    int quoteScale() {
        return 8;
    }

    @Override
    ObjectNode placed(BinanceCore core, BinanceCore.NewOrder order, CommandResult result, BinanceCore.Meta meta) {
        return views.placed(order, result, meta);
    }

    @Override
    ObjectNode order(BinanceCore core, OrderState state, BinanceCore.Meta meta) {
        return views.order(state, meta);
    }

    @Override
    ObjectNode canceled(BinanceCore core, OrderState state, BinanceCore.Meta meta, String cancelCid) {
        return views.canceled(state, meta, cancelCid);
    }

    @Override
    void depthExtras(ObjectNode out, long now) {
    }

    // ---- user data -----------------------------------------------------------------------------------------

    @Override
    boolean reportsAmendments() {
        return false;
    }

    @Override
    List<ObjectNode> orderEvents(BinanceCore core, BinanceSymbol s, OrderState o, BinanceCore.Meta meta,
                                 String exec, Fill fill, Liquidity liquidity, long time) {
        return views.orderEvents(s, o, meta, exec, fill, liquidity, time);
    }

    @Override
    List<ObjectNode> depositEvents(BinanceCore core, String account, String asset, BigDecimal amount) {
        return views.depositEvents(account, asset, amount);
    }

    /** To every WebSocket-API subscription of the account, wrapped with its subscription id. */
    @Override
    BinanceCore.UserEventSink userData(BinanceWsServer ws, ListenKeys listenKeys) {
        return new BinanceCore.UserEventSink() {
            @Override
            public boolean listens(String account) {
                return ws.connections().values().stream()
                        .anyMatch(c -> c.kind == WsConn.Kind.API && c.subscriptions.containsValue(account));
            }

            @Override
            public void deliver(String account, ObjectNode event) {
                for (Map.Entry<WebSocket, WsConn> e : ws.connections().entrySet()) {
                    if (e.getValue().kind != WsConn.Kind.API) {
                        continue;
                    }
                    for (Map.Entry<Integer, String> sub : e.getValue().subscriptions.entrySet()) {
                        if (sub.getValue().equals(account)) {
                            ObjectNode wrapped = BinanceCore.JSON.createObjectNode().put("subscriptionId", sub.getKey());
                            wrapped.set("event", event);
                            ws.send(e.getKey(), wrapped.toString());
                        }
                    }
                }
            }
        };
    }

    @Override
    boolean listenKeyPaths() {
        return false;
    }

    @Override
    boolean sessionShowsUserData() {
        return true;
    }

    // ---- market streams ------------------------------------------------------------------------------------

    @Override
    List<String> diffStreams(String lower) {
        return List.of(lower + "@depth", lower + "@depth@100ms", lower + "@depth@1000ms");
    }

    @Override
    ObjectNode depthUpdate(BinanceCore core, BinanceSymbol s, EngineEvent.BookDiff diff) {
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("e", "depthUpdate").put("E", core.now())
                .put("s", s.symbol()).put("U", diff.firstUpdateId()).put("u", diff.lastUpdateId());
        data.set("b", core.levels(s, diff.bids()));
        data.set("a", core.levels(s, diff.asks()));
        return data;
    }

    @Override
    boolean tradeStream() {
        return true;
    }

    @Override
    boolean aggTradeHasM() {
        return true;
    }

    @Override
    long defaultPartialIntervalMillis() {
        return 1000;
    }

    @Override
    ObjectNode partialDepth(BinanceCore core, BinanceSymbol s, BookSnapshot book, long previousUpdateId) {
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("lastUpdateId", book.lastUpdateId());
        data.set("bids", core.levels(s, book.bids()));
        data.set("asks", core.levels(s, book.asks()));
        return data;
    }
}
