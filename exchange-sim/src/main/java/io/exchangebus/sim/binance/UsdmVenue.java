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
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.java_websocket.WebSocket;

/**
 * Binance USDⓈ-M futures ({@code /fapi}, {@code /ws-fapi/v1}): positions on cross margin, reduce-only and
 * post-only (GTX) orders, order amendment, its own error codes (-4xxx), user data on listenKey streams, numbers
 * at the symbol's precisions.
 */
final class UsdmVenue extends BinanceVenue {

    private UsdmViews views;

    @Override
    BinanceFamily family() {
        return BinanceFamily.USDM;
    }

    @Override
    void attach(BinanceCore core) {
        this.views = new UsdmViews(core);
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    @Override
    String restPrefix() {
        return "/fapi";
    }

    @Override
    String wsApiPath() {
        return "/ws-fapi/v1";
    }

    @Override
    int pingSeconds() {
        return 180;
    }

    @Override
    int defaultWeightPerMinute() {
        return 2400;
    }

    @Override
    int defaultStreamLimit() {
        return 200;
    }

    @Override
    BinanceSymbol defaultSymbol() {
        return BinanceSymbol.usdmBtcUsdt();
    }

    @Override
    Instrument instrument(BinanceSymbol s) {
        return s.perpetualInstrument();
    }

    @Override
    void fundDemo(BinanceSimulator sim, String account) {
        sim.deposit(account, "USDT", "1000000");
    }

    @Override
    RateLimiter.Window[] orderWindows() {
        return new RateLimiter.Window[] {new RateLimiter.Window("ORDERS", "SECOND", 10, 300),
                new RateLimiter.Window("ORDERS", "MINUTE", 1, 1200)};
    }

    @Override
    int orderStatusWeight() {
        return 1;
    }

    @Override
    int openOrdersWeight(Map<String, String> p) {
        return p.containsKey("symbol") ? 1 : 40;
    }

    @Override
    int accountWeight() {
        return 5;
    }

    @Override
    void exchangeInfoHead(ObjectNode out, ArrayNode limits, int weightLimit, BinanceCore core) {
        out.put("futuresType", "U_MARGINED");
        BinanceMarketInfo.limit(limits, "REQUEST_WEIGHT", "MINUTE", 1, weightLimit);
        BinanceMarketInfo.limit(limits, "ORDERS", "MINUTE", 1, 1200);
        BinanceMarketInfo.limit(limits, "ORDERS", "SECOND", 10, 300);
    }

    @Override
    void exchangeInfoAssets(ObjectNode out, BinanceCore core) {
        ArrayNode assets = out.putArray("assets");
        core.symbols.values().stream().map(BinanceSymbol::quoteAsset).distinct().forEach(a ->
                assets.addObject().put("asset", a).put("marginAvailable", true).put("autoAssetExchange", "0"));
    }

    @Override
    ObjectNode exchangeInfoSymbol(BinanceSymbol s) {
        return BinanceMarketInfo.usdmSymbol(s);
    }

    @Override
    void restRoutes(BinanceRestServer rest, BinanceCore core, ListenKeys listenKeys) {
        UsdmEndpoints.rest(this, rest, core, listenKeys);
    }

    @Override
    void wsApiMethods(WsApi api, BinanceCore core, ListenKeys listenKeys) {
        UsdmEndpoints.wsApi(this, api, core, listenKeys);
    }

    UsdmViews views() {
        return views;
    }

    // ---- order entry and errors ----------------------------------------------------------------------------

    @Override
    OrderKind orderKind(String type) {
        return switch (type) {
            case "LIMIT" -> new OrderKind(OrderType.LIMIT, true, false);
            case "MARKET" -> new OrderKind(OrderType.MARKET, false, false);
            case "STOP_MARKET" -> new OrderKind(OrderType.STOP_MARKET, false, true);
            case "STOP" -> new OrderKind(OrderType.STOP_LIMIT, true, true);
            default -> throw new BinanceException(400, -1116, "Invalid orderType.");
        };
    }

    @Override
    boolean acceptsGtx() {
        return true;
    }

    @Override
    boolean rejectsUnneededParameters() {
        return false;
    }

    @Override
    boolean reduceOnly(Map<String, String> p) {
        return "true".equalsIgnoreCase(p.get("reduceOnly"));
    }

    @Override
    String defaultRespType(String type) {
        return "ACK";
    }

    @Override
    void checkBeforePlace(BinanceCore core, String account, BinanceSymbol s, OrderRequest r, boolean reduceOnly) {
        core.margin.checkReduceOnlyAndMargin(account, s, r, reduceOnly);
    }

    @Override
    BinanceException belowNotional(BinanceSymbol s) {
        return new BinanceException(400, -4164, "Order's notional must be no smaller than "
                + s.minNotional().stripTrailingZeros().toPlainString() + " (unless you choose reduce only).");
    }

    @Override
    BinanceException duplicateClientId() {
        return new BinanceException(400, -4116, "ClientOrderId is duplicated.");
    }

    @Override
    BinanceException priceOutOfRange(BinanceSymbol s, BigDecimal price) {
        return price.compareTo(s.maxPrice()) > 0
                ? new BinanceException(400, -4016, "Limit price can't be higher than " + s.maxPrice().toPlainString()
                        + ".")
                : new BinanceException(400, -4013, "Price less than min price.");
    }

    @Override
    BinanceException priceOffTick() {
        return new BinanceException(400, -4014, "Price not increased by tick size.");
    }

    @Override
    BinanceException quantityNotPositive(String filter) {
        return new BinanceException(400, -4003, "Quantity less than or equal to zero.");
    }

    @Override
    BinanceException quantityOutOfRange(String filter, boolean aboveMax) {
        return aboveMax ? new BinanceException(400, -4005, "Quantity greater than max quantity.")
                : new BinanceException(400, -4004, "Quantity less than min quantity.");
    }

    @Override
    BinanceException quantityOffStep(String filter) {
        return new BinanceException(400, -4023, "Quantity not increased by step size.");
    }

    @Override
    Optional<BinanceException> rejection(RejectReason reason) {
        return switch (reason) {
            case INSUFFICIENT_BALANCE -> Optional.of(new BinanceException(400, -2019, "Margin is insufficient."));
            case POST_ONLY_WOULD_CROSS -> Optional.of(new BinanceException(400, -5022, "Due to the order could not be"
                    + " executed as maker, the Post Only order will be rejected. The order will not be recorded in the"
                    + " order history"));
            default -> Optional.empty();
        };
    }

    @Override
    long allOrdersMaxRange() {
        return 7 * 86_400_000L;
    }

    @Override
    BinanceException allOrdersRangeTooWide() {
        return new BinanceException(400, -4166, "Search window is restricted to recent 7 days only.");
    }

    @Override
    int depthLimit(Map<String, String> p) {
        int limit = (int) (long) Objects.requireNonNullElse(BinanceCore.longParam(p, "limit"), 500L);
        if (!List.of(5, 10, 20, 50, 100, 500, 1000).contains(limit)) {
            throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        return limit;
    }

    // ---- rendering -----------------------------------------------------------------------------------------

    @Override
    String binanceType(OrderState o) {
        return switch (o.type()) {
            case LIMIT -> "LIMIT";
            case MARKET -> "MARKET";
            case STOP_LIMIT -> "STOP";
            case STOP_MARKET -> "STOP_MARKET";
        };
    }

    @Override
    String postOnlyTif() {
        return "GTX";
    }

    @Override
    int priceScale(BinanceSymbol s) {
        return s.pricePrecision();
    }

    @Override
    int quantityScale(BinanceSymbol s) {
        return s.quantityPrecision();
    }

    @Override
    int quoteScale() {
        return 5;
    }

    /** Every USDⓈ-M order response is the order itself. */
    @Override
    ObjectNode placed(BinanceCore core, BinanceCore.NewOrder order, CommandResult result, BinanceCore.Meta meta) {
        return views.order(result.order(), meta);
    }

    @Override
    ObjectNode order(BinanceCore core, OrderState state, BinanceCore.Meta meta) {
        return views.order(state, meta);
    }

    @Override
    ObjectNode canceled(BinanceCore core, OrderState state, BinanceCore.Meta meta, String cancelCid) {
        return views.order(state, meta);
    }

    @Override
    void depthExtras(ObjectNode out, long now) {
        out.put("E", now).put("T", now);
    }

    // ---- user data -----------------------------------------------------------------------------------------

    @Override
    boolean reportsAmendments() {
        return true;
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

    /** To the connections on the account's current listenKey. */
    @Override
    BinanceCore.UserEventSink userData(BinanceWsServer ws, ListenKeys listenKeys) {
        return new BinanceCore.UserEventSink() {
            @Override
            public boolean listens(String account) {
                return !streams(account).isEmpty();
            }

            @Override
            public void deliver(String account, ObjectNode event) {
                String frame = event.toString();
                streams(account).forEach(conn -> ws.send(conn, frame));
            }

            private List<WebSocket> streams(String account) {
                Optional<ListenKeys.Key> key = listenKeys.current(account);
                if (key.isEmpty()) {
                    return List.of();
                }
                return ws.connections().entrySet().stream()
                        .filter(e -> e.getValue().kind == WsConn.Kind.USER
                                && key.get().value.equals(e.getValue().listenKey))
                        .map(Map.Entry::getKey).toList();
            }
        };
    }

    @Override
    boolean listenKeyPaths() {
        return true;
    }

    @Override
    boolean sessionShowsUserData() {
        return false;
    }

    // ---- market streams ------------------------------------------------------------------------------------

    @Override
    List<String> diffStreams(String lower) {
        return List.of(lower + "@depth", lower + "@depth@100ms", lower + "@depth@250ms", lower + "@depth@500ms");
    }

    @Override
    ObjectNode depthUpdate(BinanceCore core, BinanceSymbol s, EngineEvent.BookDiff diff) {
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("e", "depthUpdate").put("E", core.now())
                .put("T", diff.time().toEpochMilli()).put("s", s.symbol()).put("U", diff.firstUpdateId())
                .put("u", diff.lastUpdateId()).put("pu", diff.previousUpdateId());
        data.set("b", core.levels(s, diff.bids()));
        data.set("a", core.levels(s, diff.asks()));
        return data;
    }

    @Override
    boolean tradeStream() {
        return false;
    }

    @Override
    boolean aggTradeHasM() {
        return false;
    }

    @Override
    long defaultPartialIntervalMillis() {
        return 250;
    }

    @Override
    ObjectNode partialDepth(BinanceCore core, BinanceSymbol s, BookSnapshot book, long previousUpdateId) {
        ObjectNode data = BinanceCore.JSON.createObjectNode().put("e", "depthUpdate").put("E", core.now())
                .put("T", core.now()).put("s", s.symbol())
                .put("U", Math.min(previousUpdateId + 1, book.lastUpdateId())).put("u", book.lastUpdateId())
                .put("pu", previousUpdateId);
        data.set("b", core.levels(s, book.bids()));
        data.set("a", core.levels(s, book.asks()));
        return data;
    }
}
