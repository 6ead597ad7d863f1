package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.account.Balance;
import io.exchangebus.sim.account.Position;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.CancelReason;
import io.exchangebus.sim.engine.CommandResult;
import io.exchangebus.sim.engine.EngineEvent;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Liquidity;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderStatus;
import io.exchangebus.sim.engine.OrderType;
import io.exchangebus.sim.engine.PriceLevel;
import io.exchangebus.sim.engine.RejectReason;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.engine.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What REST and the WebSocket API share: authentication, order entry in Binance's terms on the framework's engines,
 * rendering of orders and accounts in the documented JSON, and user-data events.
 */
final class BinanceCore {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LEVERAGE = 20;
    private static final Pattern CLIENT_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Where user-data events go: the WebSocket server knows the subscribed connections. */
    interface UserEventSink {
        /** Whether anything listens for {@code account} now (else events are not even rendered). */
        boolean listens(String account);

        void deliver(String account, ObjectNode event);
    }

    /** Binance facts of an order the engine does not keep. */
    record Meta(String symbol, String account, String type, String clientOrderId, boolean reduceOnly,
                BigDecimal stopPrice) {
    }

    record Auth(String account, String apiKey) {
    }

    final BinanceFamily family;
    final Simulator sim;
    final Clock clock;
    final Map<String, BinanceSymbol> symbols = new LinkedHashMap<>();
    /** Symbols exchangeInfo no longer lists, as after an expiry or a delisting. */
    final Set<String> delisted = ConcurrentHashMap.newKeySet();
    final RateLimiter limits;
    final Map<String, PublicKey> ed25519Keys = new ConcurrentHashMap<>();
    private final Map<Long, Meta> metas = new ConcurrentHashMap<>();
    private final Map<String, Meta> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> byClientId = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> orderIds = new ConcurrentHashMap<>();
    private final Map<Long, String> cancelClientIds = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> realizedSeen = new ConcurrentHashMap<>();
    private final AtomicLong executionIds = new AtomicLong(1000);
    private final long uid = 354937868L;
    volatile UserEventSink sink;
    /** Recent trades per symbol; registered before the WebSocket server, so it records before streams print. */
    final BinanceTradeTape trades;

    BinanceCore(BinanceFamily family, Simulator sim, List<BinanceSymbol> symbolList, int weightPerMinute) {
        this.family = family;
        this.sim = sim;
        this.clock = sim.clock();
        symbolList.forEach(s -> symbols.put(s.symbol(), s));
        this.limits = new RateLimiter(clock, family, weightPerMinute);
        sim.addListener(this::onEngineEvent);
        this.trades = new BinanceTradeTape(this);
    }

    boolean spot() {
        return family == BinanceFamily.SPOT;
    }

    long now() {
        return clock.millis();
    }

    // ---- authentication ------------------------------------------------------------------------------------

    AccountSnapshot accountOfKey(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new BinanceException(401, -2014, "API-key format invalid.");
        }
        return sim.accounts().byApiKey(apiKey).orElseThrow(() ->
                new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action."));
    }

    boolean isEd25519(String apiKey) {
        return ed25519Keys.containsKey(apiKey);
    }

    /** Checks {@code timestamp} against {@code recvWindow} as Binance does. */
    void checkTimestamp(Map<String, String> p) {
        String ts = p.get("timestamp");
        if (ts == null || ts.isEmpty()) {
            throw BinanceException.mandatory("timestamp");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            throw BinanceException.illegal("timestamp");
        }
        BigDecimal recvWindow = new BigDecimal(5000);
        if (p.containsKey("recvWindow")) {
            try {
                recvWindow = new BigDecimal(p.get("recvWindow"));
            } catch (NumberFormatException e) {
                throw BinanceException.illegal("recvWindow");
            }
            if (recvWindow.compareTo(new BigDecimal(60000)) > 0) {
                throw new BinanceException(400, -1131, "recvWindow must be less than 60000");
            }
        }
        long now = now();
        if (timestamp >= now + 1000) {
            throw new BinanceException(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (BigDecimal.valueOf(now - timestamp).compareTo(recvWindow) > 0) {
            throw new BinanceException(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
    }

    /** Verifies {@code signature} over {@code payload} with {@code apiKey}'s secret or Ed25519 public key. */
    void checkSignature(AccountSnapshot account, String apiKey, String payload, String signature) {
        if (signature == null || signature.isEmpty()) {
            throw BinanceException.mandatory("signature");
        }
        boolean ok;
        PublicKey ed = ed25519Keys.get(apiKey);
        if (ed != null) {
            ok = BinanceSignatures.verifyEd25519(ed, payload, signature);
        } else {
            String secret = account.apiKeys().stream().filter(k -> k.keyId().equals(apiKey)).map(ApiKey::secret)
                    .findFirst().orElse("");
            ok = BinanceSignatures.verifyHmac(secret, payload, signature);
        }
        if (!ok) {
            throw new BinanceException(400, -1022, "Signature for this request is not valid.");
        }
    }

    // ---- parameters ----------------------------------------------------------------------------------------

    static String req(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw BinanceException.mandatory(name);
        }
        return v;
    }

    static BigDecimal decimal(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new BinanceException(400, -1100, "Illegal characters found in parameter '" + name
                    + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
    }

    static Long longParam(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw BinanceException.illegal(name);
        }
    }

    BinanceSymbol symbol(Map<String, String> p) {
        BinanceSymbol s = symbols.get(req(p, "symbol"));
        if (s == null) {
            throw BinanceException.invalidSymbol();
        }
        return s;
    }

    static String newClientId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[22];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    private static String clientId(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!CLIENT_ID.matcher(v).matches()) {
            throw BinanceException.illegal(name);
        }
        return v;
    }

    // ---- order entry ---------------------------------------------------------------------------------------

    /** A parsed, validated new order, not yet sent to the engine. */
    record NewOrder(BinanceSymbol symbol, String type, OrderRequest request, boolean reduceOnly, String respType) {
    }

    NewOrder parseNewOrder(String account, Map<String, String> p) {
        return parseNewOrder(account, p, true);
    }

    /** For cancel-replace: the new order may take the client id of the order it replaces. */
    NewOrder parseNewOrderAllowingReuse(String account, Map<String, String> p, Map<String, String> all) {
        return parseNewOrder(account, p, false);
    }

    NewOrder parseNewOrder(String account, Map<String, String> p, boolean checkDuplicate) {
        BinanceSymbol s = symbol(p);
        String sideText = req(p, "side");
        Side side = switch (sideText) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new BinanceException(400, -1117, "Invalid side.");
        };
        String type = req(p, "type");
        boolean limitPriced;
        boolean stop;
        OrderType engineType;
        switch (spot() ? "S:" + type : "U:" + type) {
            case "S:LIMIT", "S:LIMIT_MAKER", "U:LIMIT" -> {
                engineType = OrderType.LIMIT;
                limitPriced = true;
                stop = false;
            }
            case "S:MARKET", "U:MARKET" -> {
                engineType = OrderType.MARKET;
                limitPriced = false;
                stop = false;
            }
            case "S:STOP_LOSS", "U:STOP_MARKET" -> {
                engineType = OrderType.STOP_MARKET;
                limitPriced = false;
                stop = true;
            }
            case "S:STOP_LOSS_LIMIT", "U:STOP" -> {
                engineType = OrderType.STOP_LIMIT;
                limitPriced = true;
                stop = true;
            }
            default -> throw new BinanceException(400, -1116, "Invalid orderType.");
        }
        TimeInForce tif = TimeInForce.GTC;
        boolean needsTif = limitPriced && !type.equals("LIMIT_MAKER");
        String tifText = p.get("timeInForce");
        if (needsTif && (tifText == null || tifText.isEmpty())) {
            throw BinanceException.mandatory("timeInForce");
        }
        if (needsTif) {
            tif = switch (tifText) {
                case "GTC" -> TimeInForce.GTC;
                case "IOC" -> TimeInForce.IOC;
                case "FOK" -> TimeInForce.FOK;
                case "GTX" -> {
                    if (spot()) {
                        throw new BinanceException(400, -1115, "Invalid timeInForce.");
                    }
                    yield TimeInForce.POST_ONLY;
                }
                default -> throw new BinanceException(400, -1115, "Invalid timeInForce.");
            };
        } else if (type.equals("LIMIT_MAKER")) {
            tif = TimeInForce.POST_ONLY;
        } else if (!limitPriced) {
            tif = TimeInForce.IOC;
        }
        if (!limitPriced && tifText != null && spot()) {
            throw new BinanceException(400, -1106, "Parameter 'timeInForce' sent when not required.");
        }
        BigDecimal quantity = decimal(p, "quantity");
        if (quantity == null) {
            throw BinanceException.mandatory("quantity");
        }
        BigDecimal price = decimal(p, "price");
        if (limitPriced && price == null) {
            throw BinanceException.mandatory("price");
        }
        if (!limitPriced && price != null) {
            throw new BinanceException(400, -1106, "Parameter 'price' sent when not required.");
        }
        BigDecimal stopPrice = decimal(p, "stopPrice");
        if (stop && stopPrice == null) {
            throw BinanceException.mandatory("stopPrice");
        }
        if (!stop && stopPrice != null && spot()) {
            throw new BinanceException(400, -1106, "Parameter 'stopPrice' sent when not required.");
        }
        if (!stop) {
            stopPrice = null;
        }
        boolean reduceOnly = !spot() && "true".equalsIgnoreCase(p.get("reduceOnly"));
        String cid = clientId(p, "newClientOrderId");
        if (cid == null) {
            cid = newClientId();
        }
        checkPrice(s, price);
        checkPrice(s, stopPrice);
        checkQuantity(s, quantity, !limitPriced);
        BigDecimal notionalPrice = price != null ? price : stopPrice != null ? stopPrice : referencePrice(s);
        if (notionalPrice != null && !reduceOnly
                && notionalPrice.multiply(quantity).compareTo(s.minNotional()) < 0) {
            throw spot() ? BinanceException.filter("NOTIONAL")
                    : new BinanceException(400, -4164, "Order's notional must be no smaller than "
                            + s.minNotional().stripTrailingZeros().toPlainString() + " (unless you choose reduce only).");
        }
        if (checkDuplicate && openClientId(account, s.symbol(), cid)) {
            throw spot() ? new BinanceException(400, -2010, "Duplicate order sent.")
                    : new BinanceException(400, -4116, "ClientOrderId is duplicated.");
        }
        String respType = p.getOrDefault("newOrderRespType",
                spot() ? (type.equals("LIMIT") || type.equals("MARKET") ? "FULL" : "ACK") : "ACK");
        OrderRequest request = new OrderRequest(account, cid, side, engineType, tif, price, quantity, stopPrice);
        return new NewOrder(s, type, request, reduceOnly, respType);
    }

    private void checkPrice(BinanceSymbol s, BigDecimal price) {
        if (price == null) {
            return;
        }
        if (price.signum() <= 0 || price.compareTo(s.minPrice()) < 0 || price.compareTo(s.maxPrice()) > 0) {
            throw spot() ? BinanceException.filter("PRICE_FILTER")
                    : price.compareTo(s.maxPrice()) > 0
                            ? new BinanceException(400, -4016, "Limit price can't be higher than "
                                    + s.maxPrice().toPlainString() + ".")
                            : new BinanceException(400, -4013, "Price less than min price.");
        }
        if (price.subtract(s.minPrice()).remainder(s.tickSize()).signum() != 0) {
            throw spot() ? BinanceException.filter("PRICE_FILTER")
                    : new BinanceException(400, -4014, "Price not increased by tick size.");
        }
    }

    private void checkQuantity(BinanceSymbol s, BigDecimal qty, boolean market) {
        BigDecimal max = market ? s.marketMaxQty() : s.maxQty();
        String filter = market ? "MARKET_LOT_SIZE" : "LOT_SIZE";
        if (qty.signum() <= 0) {
            throw spot() ? BinanceException.filter(filter)
                    : new BinanceException(400, -4003, "Quantity less than or equal to zero.");
        }
        if (qty.compareTo(s.minQty()) < 0 || qty.compareTo(max) > 0) {
            throw spot() ? BinanceException.filter(filter)
                    : qty.compareTo(max) > 0 ? new BinanceException(400, -4005, "Quantity greater than max quantity.")
                            : new BinanceException(400, -4004, "Quantity less than min quantity.");
        }
        if (qty.subtract(s.minQty()).remainder(s.stepSize()).signum() != 0) {
            throw spot() ? BinanceException.filter(filter)
                    : new BinanceException(400, -4023, "Quantity not increased by step size.");
        }
    }

    /** Mid of the book, else the last trade price, else null. */
    BigDecimal referencePrice(BinanceSymbol s) {
        BookSnapshot book = sim.engine(s.symbol()).book().top(1);
        if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
            return book.bids().get(0).price().add(book.asks().get(0).price()).divide(BigDecimal.valueOf(2));
        }
        return sim.engine(s.symbol()).lastTradePrice().orElse(null);
    }

    private boolean openClientId(String account, String symbol, String cid) {
        Long id = byClientId.get(account + "|" + symbol + "|" + cid);
        return id != null && sim.engine(symbol).order(id).map(o -> o.status().isOpen()).orElse(false);
    }

    /** Places a parsed order and renders the response as {@code newOrderRespType} asks. */
    ObjectNode place(String account, NewOrder order) {
        limits.countOrder(account);
        BinanceSymbol s = order.symbol();
        OrderRequest r = order.request();
        if (!spot()) {
            checkReduceOnlyAndMargin(account, s, r, order.reduceOnly());
        }
        Meta meta = new Meta(s.symbol(), account, order.type(), r.clientOrderId(), order.reduceOnly(), r.stopPrice());
        String pendingKey = account + "|" + r.clientOrderId();
        pending.put(pendingKey, meta);
        CommandResult result;
        try {
            result = sim.place(s.symbol(), r);
        } finally {
            pending.remove(pendingKey);
        }
        if (!result.isAccepted()) {
            throw rejection(result.rejectReason());
        }
        long id = result.order().orderId();
        metas.put(id, meta);
        byClientId.put(account + "|" + s.symbol() + "|" + r.clientOrderId(), id);
        orderIds.computeIfAbsent(account + "|" + s.symbol(), k -> new CopyOnWriteArrayList<>()).add(id);
        OrderState state = result.order();
        if (!spot()) {
            return usdmOrder(state, meta);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("symbol", s.symbol()).put("orderId", id).put("orderListId", -1)
                .put("clientOrderId", r.clientOrderId()).put("transactTime", state.updatedAt().toEpochMilli());
        if (order.respType().equals("ACK")) {
            return out;
        }
        out.put("price", price(s, state.price())).put("origQty", qty(s, state.quantity()))
                .put("executedQty", qty(s, state.filledQuantity())).put("origQuoteOrderQty", quote(s, BigDecimal.ZERO))
                .put("cummulativeQuoteQty", quote(s, state.filledNotional())).put("status", status(state))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("side", state.side().name());
        if (meta.stopPrice() != null) {
            out.put("stopPrice", price(s, meta.stopPrice()));
        }
        out.put("workingTime", state.status() == OrderStatus.PENDING_TRIGGER ? -1 : state.createdAt().toEpochMilli());
        if (order.respType().equals("FULL")) {
            ArrayNode fills = out.putArray("fills");
            for (EngineEvent e : result.events()) {
                if (e instanceof EngineEvent.OrderFilled f && f.order().orderId() == id) {
                    Fill fill = f.fill();
                    boolean maker = f.liquidity() == Liquidity.MAKER;
                    fills.addObject().put("price", price(s, fill.price())).put("qty", qty(s, fill.quantity()))
                            .put("commission", quote(s, maker ? fill.makerFee() : fill.takerFee()))
                            .put("commissionAsset", maker ? fill.makerFeeAsset() : fill.takerFeeAsset())
                            .put("tradeId", fill.tradeId());
                }
            }
        }
        out.put("selfTradePreventionMode", "NONE");
        return out;
    }

    private BinanceException rejection(RejectReason reason) {
        return switch (reason) {
            case INSUFFICIENT_BALANCE -> spot()
                    ? new BinanceException(400, -2010, "Account has insufficient balance for requested action.")
                    : new BinanceException(400, -2019, "Margin is insufficient.");
            case POST_ONLY_WOULD_CROSS -> spot()
                    ? new BinanceException(400, -2010, "Order would immediately match and take.")
                    : new BinanceException(400, -5022, "Due to the order could not be executed as maker, the Post Only"
                            + " order will be rejected. The order will not be recorded in the order history");
            case UNKNOWN_ACCOUNT -> new BinanceException(401, -2015, "Invalid API-key, IP, or permissions for action.");
            case PRICE_NOT_ON_TICK, INVALID_PRICE, STOP_PRICE_REQUIRED -> BinanceException.filter("PRICE_FILTER");
            case QUANTITY_BELOW_MINIMUM, QUANTITY_NOT_ON_LOT, INVALID_QUANTITY -> BinanceException.filter("LOT_SIZE");
            default -> new BinanceException(400, -2010, "New order rejected: " + reason.description());
        };
    }

    private void checkReduceOnlyAndMargin(String account, BinanceSymbol s, OrderRequest r, boolean reduceOnly) {
        Position pos = sim.accounts().position(account, s.symbol());
        if (reduceOnly) {
            BigDecimal signed = r.side() == Side.BUY ? r.quantity() : r.quantity().negate();
            if (pos.quantity().signum() == 0 || pos.quantity().signum() == signed.signum()
                    || r.quantity().compareTo(pos.quantity().abs()) > 0) {
                throw new BinanceException(400, -2022, "ReduceOnly Order is rejected.");
            }
            return;
        }
        BigDecimal mark = referencePrice(s);
        BigDecimal px = r.price() != null ? r.price() : r.stopPrice() != null ? r.stopPrice() : mark;
        if (px == null) {
            return;
        }
        BigDecimal need = px.multiply(r.quantity()).divide(BigDecimal.valueOf(LEVERAGE), 8, RoundingMode.UP);
        if (need.compareTo(availableBalance(account)) > 0) {
            throw new BinanceException(400, -2019, "Margin is insufficient.");
        }
    }

    // ---- USDⓈ-M margin view ---------------------------------------------------------------------------------

    BigDecimal markPrice(BinanceSymbol s) {
        BigDecimal ref = referencePrice(s);
        return ref == null ? s.startMid() : ref;
    }

    BigDecimal walletBalance(String account, String asset) {
        return sim.accounts().balance(account, asset).total();
    }

    BigDecimal unrealized(String account) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BinanceSymbol s : symbols.values()) {
            sum = sum.add(sim.accounts().position(account, s.symbol()).unrealizedPnl(markPrice(s)));
        }
        return sum;
    }

    BigDecimal positionMargin(String account, BinanceSymbol s) {
        Position p = sim.accounts().position(account, s.symbol());
        return p.quantity().abs().multiply(markPrice(s)).divide(BigDecimal.valueOf(LEVERAGE), 8, RoundingMode.UP);
    }

    BigDecimal openOrderMargin(String account, BinanceSymbol s) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderState o : sim.engine(s.symbol()).openOrders(account)) {
            BigDecimal px = o.price() != null ? o.price() : o.stopPrice() != null ? o.stopPrice() : markPrice(s);
            sum = sum.add(px.multiply(o.remainingQuantity()));
        }
        return sum.divide(BigDecimal.valueOf(LEVERAGE), 8, RoundingMode.UP);
    }

    BigDecimal availableBalance(String account) {
        BigDecimal used = BigDecimal.ZERO;
        for (BinanceSymbol s : symbols.values()) {
            used = used.add(positionMargin(account, s)).add(openOrderMargin(account, s));
        }
        String asset = symbols.values().iterator().next().quoteAsset();
        return walletBalance(account, asset).add(unrealized(account)).subtract(used);
    }

    // ---- cancel, query, modify -----------------------------------------------------------------------------

    /** Resolves {@code orderId} / {@code origClientOrderId} (or other names) to one of the account's orders. */
    long resolve(String account, BinanceSymbol s, Map<String, String> p, String idName, String cidName,
                 BinanceException unknown) {
        Long id = longParam(p, idName);
        if (id == null) {
            String cid = p.get(cidName);
            if (cid == null || cid.isEmpty()) {
                throw new BinanceException(400, -1102, "Param '" + cidName + "' or '" + idName
                        + "' must be sent, but both were empty/null!");
            }
            id = byClientId.get(account + "|" + s.symbol() + "|" + cid);
            if (id == null) {
                throw unknown;
            }
        }
        Meta meta = metas.get(id);
        if (meta == null || !meta.account().equals(account) || !meta.symbol().equals(s.symbol())) {
            throw unknown;
        }
        return id;
    }

    static BinanceException unknownOrder() {
        return new BinanceException(400, -2011, "Unknown order sent.");
    }

    static BinanceException orderDoesNotExist() {
        return new BinanceException(400, -2013, "Order does not exist.");
    }

    ObjectNode cancel(String account, Map<String, String> p) {
        BinanceSymbol s = symbol(p);
        long id = resolve(account, s, p, "orderId", "origClientOrderId", unknownOrder());
        String cancelCid = clientId(p, "newClientOrderId");
        return cancelById(account, s, id, cancelCid == null ? newClientId() : cancelCid);
    }

    ObjectNode cancelById(String account, BinanceSymbol s, long id, String cancelCid) {
        cancelClientIds.put(id, cancelCid);
        CommandResult result;
        try {
            result = sim.cancel(s.symbol(), account, id);
        } finally {
            cancelClientIds.remove(id);
        }
        if (!result.isAccepted()) {
            throw unknownOrder();
        }
        return cancelResponse(result.order(), metas.get(id), cancelCid);
    }

    ObjectNode cancelResponse(OrderState state, Meta meta, String cancelCid) {
        if (!spot()) {
            return usdmOrder(state, meta);
        }
        BinanceSymbol s = symbols.get(state.symbol());
        ObjectNode out = JSON.createObjectNode();
        out.put("symbol", s.symbol()).put("origClientOrderId", meta.clientOrderId()).put("orderId", state.orderId())
                .put("orderListId", -1).put("clientOrderId", cancelCid).put("transactTime", now())
                .put("price", price(s, state.price())).put("origQty", qty(s, state.quantity()))
                .put("executedQty", qty(s, state.filledQuantity())).put("origQuoteOrderQty", quote(s, BigDecimal.ZERO))
                .put("cummulativeQuoteQty", quote(s, state.filledNotional())).put("status", status(state))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("side", state.side().name())
                .put("stopPrice", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("icebergQty", qty(s, BigDecimal.ZERO)).put("selfTradePreventionMode", "NONE");
        return out;
    }

    ObjectNode queryOrder(String account, Map<String, String> p) {
        BinanceSymbol s = symbol(p);
        long id = resolve(account, s, p, "orderId", "origClientOrderId", orderDoesNotExist());
        OrderState state = sim.engine(s.symbol()).order(id).orElseThrow(BinanceCore::orderDoesNotExist);
        return renderOrder(state, metas.get(id));
    }

    ObjectNode renderOrder(OrderState state, Meta meta) {
        if (!spot()) {
            return usdmOrder(state, meta);
        }
        BinanceSymbol s = symbols.get(state.symbol());
        ObjectNode out = JSON.createObjectNode();
        out.put("symbol", s.symbol()).put("orderId", state.orderId()).put("orderListId", -1)
                .put("clientOrderId", meta.clientOrderId()).put("price", price(s, state.price()))
                .put("origQty", qty(s, state.quantity())).put("executedQty", qty(s, state.filledQuantity()))
                .put("cummulativeQuoteQty", quote(s, state.filledNotional())).put("status", status(state))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("side", state.side().name())
                .put("stopPrice", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("icebergQty", qty(s, BigDecimal.ZERO)).put("time", state.createdAt().toEpochMilli())
                .put("updateTime", state.updatedAt().toEpochMilli())
                .put("isWorking", state.status() != OrderStatus.PENDING_TRIGGER)
                .put("workingTime", state.status() == OrderStatus.PENDING_TRIGGER ? -1
                        : state.createdAt().toEpochMilli())
                .put("origQuoteOrderQty", quote(s, BigDecimal.ZERO)).put("selfTradePreventionMode", "NONE");
        return out;
    }

    ObjectNode usdmOrder(OrderState state, Meta meta) {
        BinanceSymbol s = symbols.get(state.symbol());
        BigDecimal avg = state.filledQuantity().signum() == 0 ? BigDecimal.ZERO
                : state.filledNotional().divide(state.filledQuantity(), s.pricePrecision() + 3, RoundingMode.HALF_EVEN);
        ObjectNode out = JSON.createObjectNode();
        out.put("orderId", state.orderId()).put("symbol", s.symbol()).put("status", status(state))
                .put("clientOrderId", meta.clientOrderId()).put("price", price(s, state.price()))
                .put("avgPrice", avg.setScale(s.pricePrecision() + 3, RoundingMode.HALF_EVEN).toPlainString())
                .put("origQty", qty(s, state.quantity())).put("executedQty", qty(s, state.filledQuantity()))
                .put("cumQty", qty(s, state.filledQuantity())).put("cumQuote", quote(s, state.filledNotional()))
                .put("timeInForce", tif(state)).put("type", meta.type()).put("reduceOnly", meta.reduceOnly())
                .put("closePosition", false).put("side", state.side().name()).put("positionSide", "BOTH")
                .put("stopPrice", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("workingType", "CONTRACT_PRICE").put("priceProtect", false).put("origType", meta.type())
                .put("priceMatch", "NONE").put("selfTradePreventionMode", "NONE").put("goodTillDate", 0)
                .put("time", state.createdAt().toEpochMilli()).put("updateTime", state.updatedAt().toEpochMilli());
        return out;
    }

    /** USDⓈ-M order.modify / PUT /fapi/v1/order. */
    ObjectNode modify(String account, Map<String, String> p) {
        BinanceSymbol s = symbol(p);
        long id = resolve(account, s, p, "orderId", "origClientOrderId", orderDoesNotExist());
        req(p, "side");
        BigDecimal quantity = decimal(p, "quantity");
        BigDecimal price = decimal(p, "price");
        if (quantity == null) {
            throw BinanceException.mandatory("quantity");
        }
        if (price == null) {
            throw BinanceException.mandatory("price");
        }
        checkPrice(s, price);
        checkQuantity(s, quantity, false);
        CommandResult result = sim.amend(s.symbol(), account, id, price, quantity);
        if (!result.isAccepted()) {
            throw switch (result.rejectReason()) {
                case UNKNOWN_ORDER, ORDER_NOT_OPEN, NOT_OWNER -> orderDoesNotExist();
                case POST_ONLY_WOULD_CROSS -> rejection(RejectReason.POST_ONLY_WOULD_CROSS);
                default -> new BinanceException(400, -2011, "Unknown order sent.");
            };
        }
        return usdmOrder(result.order(), metas.get(id));
    }

    /** Open orders of the account (all symbols when {@code symbol} is null). */
    List<ObjectNode> openOrders(String account, BinanceSymbol only) {
        List<ObjectNode> out = new ArrayList<>();
        for (BinanceSymbol s : symbols.values()) {
            if (only != null && only != s) {
                continue;
            }
            for (OrderState o : sim.engine(s.symbol()).openOrders(account)) {
                Meta meta = metas.get(o.orderId());
                if (meta != null) {
                    out.add(renderOrder(o, meta));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.get("orderId").asLong(), b.get("orderId").asLong()));
        return out;
    }

    /** Cancels every open order of the account on one symbol; the cancel reports, oldest first. */
    List<ObjectNode> cancelAll(String account, BinanceSymbol s) {
        List<OrderState> open = new ArrayList<>(sim.engine(s.symbol()).openOrders(account));
        open.sort((a, b) -> Long.compare(a.orderId(), b.orderId()));
        Map<Long, String> cids = new LinkedHashMap<>();
        open.forEach(o -> cids.put(o.orderId(), newClientId()));
        cancelClientIds.putAll(cids);
        try {
            sim.cancelAll(s.symbol(), account);
        } finally {
            cids.keySet().forEach(cancelClientIds::remove);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (OrderState o : open) {
            Meta meta = metas.get(o.orderId());
            if (meta != null) {
                OrderState after = sim.engine(s.symbol()).order(o.orderId()).orElse(o);
                out.add(cancelResponse(after, meta, cids.get(o.orderId())));
            }
        }
        return out;
    }

    /** allOrders with Binance's paging: orderId (from it upwards), startTime/endTime, limit (default 500, max 1000). */
    List<ObjectNode> allOrders(String account, Map<String, String> p) {
        BinanceSymbol s = symbol(p);
        Long fromId = longParam(p, "orderId");
        Long start = longParam(p, "startTime");
        Long end = longParam(p, "endTime");
        Long limitParam = longParam(p, "limit");
        int limit = limitParam == null ? 500 : limitParam.intValue();
        if (limit < 1 || limit > 1000) {
            throw new BinanceException(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        long maxRange = spot() ? 86_400_000L : 7 * 86_400_000L;
        if (start != null && end != null && end - start > maxRange) {
            throw spot() ? new BinanceException(400, -1127, "More than 24 hours between startTime and endTime.")
                    : new BinanceException(400, -4166, "Search window is restricted to recent 7 days only.");
        }
        List<OrderState> all = new ArrayList<>();
        for (long id : orderIds.getOrDefault(account + "|" + s.symbol(), List.of())) {
            sim.engine(s.symbol()).order(id).ifPresent(all::add);
        }
        List<OrderState> selected = new ArrayList<>();
        for (OrderState o : all) {
            long t = o.createdAt().toEpochMilli();
            if (fromId != null && o.orderId() < fromId) {
                continue;
            }
            if (start != null && t < start) {
                continue;
            }
            if (end != null && t > end) {
                continue;
            }
            selected.add(o);
        }
        if (fromId != null || (start != null && end == null)) {
            selected = selected.subList(0, Math.min(limit, selected.size()));
        } else {
            selected = selected.subList(Math.max(0, selected.size() - limit), selected.size());
        }
        List<ObjectNode> out = new ArrayList<>();
        selected.forEach(o -> out.add(renderOrder(o, metas.get(o.orderId()))));
        return out;
    }

    // ---- accounts ------------------------------------------------------------------------------------------

    ObjectNode spotAccount(String account, boolean omitZero) {
        ObjectNode out = JSON.createObjectNode();
        out.put("makerCommission", 10).put("takerCommission", 10).put("buyerCommission", 0)
                .put("sellerCommission", 0);
        out.putObject("commissionRates").put("maker", "0.00100000").put("taker", "0.00100000")
                .put("buyer", "0.00000000").put("seller", "0.00000000");
        out.put("canTrade", true).put("canWithdraw", true).put("canDeposit", true).put("brokered", false)
                .put("requireSelfTradePrevention", false).put("preventSor", false).put("updateTime", now())
                .put("accountType", "SPOT");
        ArrayNode balances = out.putArray("balances");
        for (Balance b : sim.accounts().snapshot(account).balances().values()) {
            if (omitZero && b.total().signum() == 0) {
                continue;
            }
            balances.addObject().put("asset", b.asset()).put("free", fmt(b.free(), 8)).put("locked", fmt(b.locked(), 8));
        }
        out.putArray("permissions").add("SPOT");
        out.put("uid", uid);
        return out;
    }

    private String marginAsset() {
        return symbols.values().iterator().next().quoteAsset();
    }

    ObjectNode usdmAccount(String account, boolean v3) {
        String asset = marginAsset();
        BigDecimal wallet = walletBalance(account, asset);
        BigDecimal upnl = unrealized(account);
        BigDecimal posMargin = BigDecimal.ZERO;
        BigDecimal orderMargin = BigDecimal.ZERO;
        for (BinanceSymbol s : symbols.values()) {
            posMargin = posMargin.add(positionMargin(account, s));
            orderMargin = orderMargin.add(openOrderMargin(account, s));
        }
        BigDecimal available = wallet.add(upnl).subtract(posMargin).subtract(orderMargin);
        long now = now();
        ObjectNode out = JSON.createObjectNode();
        if (!v3) {
            out.put("feeTier", 0).put("feeBurn", false).put("canTrade", true).put("canDeposit", true)
                    .put("canWithdraw", true).put("updateTime", 0).put("multiAssetsMargin", false)
                    .put("tradeGroupId", -1);
        }
        out.put("totalInitialMargin", fmt(posMargin.add(orderMargin), 8)).put("totalMaintMargin", fmt(BigDecimal.ZERO, 8))
                .put("totalWalletBalance", fmt(wallet, 8)).put("totalUnrealizedProfit", fmt(upnl, 8))
                .put("totalMarginBalance", fmt(wallet.add(upnl), 8))
                .put("totalPositionInitialMargin", fmt(posMargin, 8))
                .put("totalOpenOrderInitialMargin", fmt(orderMargin, 8))
                .put("totalCrossWalletBalance", fmt(wallet, 8)).put("totalCrossUnPnl", fmt(upnl, 8))
                .put("availableBalance", fmt(available, 8)).put("maxWithdrawAmount", fmt(available.max(BigDecimal.ZERO), 8));
        out.putArray("assets").addObject().put("asset", asset).put("walletBalance", fmt(wallet, 8))
                .put("unrealizedProfit", fmt(upnl, 8)).put("marginBalance", fmt(wallet.add(upnl), 8))
                .put("maintMargin", fmt(BigDecimal.ZERO, 8)).put("initialMargin", fmt(posMargin.add(orderMargin), 8))
                .put("positionInitialMargin", fmt(posMargin, 8)).put("openOrderInitialMargin", fmt(orderMargin, 8))
                .put("crossWalletBalance", fmt(wallet, 8)).put("crossUnPnl", fmt(upnl, 8))
                .put("availableBalance", fmt(available, 8)).put("maxWithdrawAmount", fmt(available.max(BigDecimal.ZERO), 8))
                .put("marginAvailable", true).put("updateTime", now);
        ArrayNode positions = out.putArray("positions");
        for (BinanceSymbol s : symbols.values()) {
            Position p = sim.accounts().position(account, s.symbol());
            if (v3 && p.quantity().signum() == 0) {
                continue;
            }
            BigDecimal mark = markPrice(s);
            ObjectNode pos = positions.addObject().put("symbol", s.symbol()).put("positionSide", "BOTH")
                    .put("positionAmt", qty(s, p.quantity()))
                    .put("unrealizedProfit", fmt(p.unrealizedPnl(mark), 8)).put("isolatedMargin", "0")
                    .put("notional", fmt(p.quantity().multiply(mark), 8)).put("isolatedWallet", "0")
                    .put("initialMargin", fmt(positionMargin(account, s).add(openOrderMargin(account, s)), 8))
                    .put("maintMargin", fmt(BigDecimal.ZERO, 8))
                    .put("positionInitialMargin", fmt(positionMargin(account, s), 8))
                    .put("openOrderInitialMargin", fmt(openOrderMargin(account, s), 8)).put("updateTime", now);
            if (!v3) {
                pos.put("leverage", String.valueOf(LEVERAGE)).put("isolated", false)
                        .put("entryPrice", fmt(p.averageEntryPrice(), 8)).put("breakEvenPrice", "0.0")
                        .put("maxNotional", "250000").put("bidNotional", "0").put("askNotional", "0");
            }
        }
        return out;
    }

    ArrayNode usdmBalance(String account) {
        String asset = marginAsset();
        BigDecimal wallet = walletBalance(account, asset);
        BigDecimal upnl = unrealized(account);
        BigDecimal available = availableBalance(account);
        ArrayNode out = JSON.createArrayNode();
        out.addObject().put("accountAlias", "SgsR").put("asset", asset).put("balance", fmt(wallet, 8))
                .put("crossWalletBalance", fmt(wallet, 8)).put("crossUnPnl", fmt(upnl, 8))
                .put("availableBalance", fmt(available, 8)).put("maxWithdrawAmount", fmt(available.max(BigDecimal.ZERO), 8))
                .put("marginAvailable", true).put("updateTime", now());
        return out;
    }

    ArrayNode positionRisk(String account, BinanceSymbol only, boolean v3) {
        ArrayNode out = JSON.createArrayNode();
        for (BinanceSymbol s : symbols.values()) {
            if (only != null && only != s) {
                continue;
            }
            Position p = sim.accounts().position(account, s.symbol());
            if (v3 && p.quantity().signum() == 0) {
                continue;
            }
            BigDecimal mark = markPrice(s);
            ObjectNode o = out.addObject().put("symbol", s.symbol()).put("positionSide", "BOTH")
                    .put("positionAmt", qty(s, p.quantity())).put("entryPrice", fmt(p.averageEntryPrice(), 8))
                    .put("breakEvenPrice", fmt(p.averageEntryPrice(), 8)).put("markPrice", fmt(mark, 8))
                    .put("unRealizedProfit", fmt(p.unrealizedPnl(mark), 8)).put("liquidationPrice", "0")
                    .put("isolatedMargin", "0.00000000").put("notional", fmt(p.quantity().multiply(mark), 8))
                    .put("isolatedWallet", "0").put("updateTime", now());
            if (v3) {
                o.put("marginAsset", s.quoteAsset()).put("initialMargin", fmt(positionMargin(account, s), 8))
                        .put("maintMargin", "0").put("positionInitialMargin", fmt(positionMargin(account, s), 8))
                        .put("openOrderInitialMargin", fmt(openOrderMargin(account, s), 8)).put("adl", 0)
                        .put("bidNotional", "0").put("askNotional", "0");
            } else {
                o.put("leverage", String.valueOf(LEVERAGE)).put("maxNotionalValue", "250000")
                        .put("marginType", "cross").put("isAutoAddMargin", "false");
            }
        }
        return out;
    }

    // ---- deposits and user-data events ---------------------------------------------------------------------

    void deposit(String account, String asset, BigDecimal amount) {
        sim.accounts().deposit(account, asset, amount);
        UserEventSink s = sink;
        if (s == null || !s.listens(account)) {
            return;
        }
        long now = now();
        if (spot()) {
            s.deliver(account, JSON.createObjectNode().put("e", "balanceUpdate").put("E", now).put("a", asset)
                    .put("d", fmt(amount, 8)).put("T", now));
            s.deliver(account, accountPosition(account, List.of(asset)));
        } else {
            ObjectNode e = JSON.createObjectNode().put("e", "ACCOUNT_UPDATE").put("E", now).put("T", now);
            ObjectNode a = e.putObject("a").put("m", "DEPOSIT");
            BigDecimal wallet = walletBalance(account, asset);
            a.putArray("B").addObject().put("a", asset).put("wb", fmt(wallet, 8)).put("cw", fmt(wallet, 8))
                    .put("bc", fmt(amount, 8));
            a.putArray("P");
            s.deliver(account, e);
        }
    }

    private ObjectNode accountPosition(String account, List<String> assets) {
        long now = now();
        ObjectNode e = JSON.createObjectNode().put("e", "outboundAccountPosition").put("E", now).put("u", now);
        ArrayNode b = e.putArray("B");
        for (String asset : assets) {
            Balance bal = sim.accounts().balance(account, asset);
            b.addObject().put("a", asset).put("f", fmt(bal.free(), 8)).put("l", fmt(bal.locked(), 8));
        }
        return e;
    }

    private void onEngineEvent(EngineEvent event) {
        UserEventSink s = sink;
        if (s == null) {
            return;
        }
        OrderState order;
        String exec;
        Fill fill = null;
        Liquidity liquidity = null;
        if (event instanceof EngineEvent.OrderAccepted a) {
            order = a.order();
            exec = "NEW";
        } else if (event instanceof EngineEvent.OrderFilled f) {
            order = f.order();
            exec = "TRADE";
            fill = f.fill();
            liquidity = f.liquidity();
        } else if (event instanceof EngineEvent.OrderCanceled c) {
            order = c.order();
            exec = c.reason() == CancelReason.USER || c.reason() == CancelReason.CANCEL_ALL ? "CANCELED" : "EXPIRED";
        } else if (event instanceof EngineEvent.OrderAmended am) {
            if (spot()) {
                return;
            }
            order = am.order();
            exec = "AMENDMENT";
        } else {
            return;
        }
        String account = order.account();
        if (!s.listens(account)) {
            return;
        }
        Meta meta = metas.get(order.orderId());
        if (meta == null) {
            meta = pending.get(account + "|" + order.clientOrderId());
        }
        if (meta == null) {
            meta = new Meta(order.symbol(), account, binanceType(order), order.clientOrderId(), false, order.stopPrice());
        }
        BinanceSymbol sym = symbols.get(order.symbol());
        long time = event.time().toEpochMilli();
        if (spot()) {
            s.deliver(account, executionReport(sym, order, meta, exec, fill, liquidity, time));
            s.deliver(account, accountPosition(account, List.of(sym.baseAsset(), sym.quoteAsset())));
        } else {
            s.deliver(account, orderTradeUpdate(sym, order, meta, exec, fill, liquidity, time));
            if (fill != null) {
                s.deliver(account, accountUpdateOrder(sym, account, time));
            }
        }
    }

    private String binanceType(OrderState o) {
        return switch (o.type()) {
            case LIMIT -> o.timeInForce() == TimeInForce.POST_ONLY && spot() ? "LIMIT_MAKER" : "LIMIT";
            case MARKET -> "MARKET";
            case STOP_LIMIT -> spot() ? "STOP_LOSS_LIMIT" : "STOP";
            case STOP_MARKET -> spot() ? "STOP_LOSS" : "STOP_MARKET";
        };
    }

    private ObjectNode executionReport(BinanceSymbol s, OrderState o, Meta meta, String exec, Fill fill,
                                       Liquidity liquidity, long time) {
        boolean canceled = exec.equals("CANCELED");
        String cancelCid = canceled ? cancelClientIds.getOrDefault(o.orderId(), newClientId()) : null;
        boolean maker = liquidity == Liquidity.MAKER;
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "executionReport").put("E", now()).put("s", s.symbol())
                .put("c", canceled ? cancelCid : meta.clientOrderId()).put("S", o.side().name())
                .put("o", meta.type()).put("f", tif(o)).put("q", qty(s, o.quantity()))
                .put("p", price(s, o.price())).put("P", price(s, meta.stopPrice() == null ? BigDecimal.ZERO
                        : meta.stopPrice())).put("F", qty(s, BigDecimal.ZERO)).put("g", -1)
                .put("C", canceled ? meta.clientOrderId() : "").put("x", exec).put("X", status(o)).put("r", "NONE")
                .put("i", o.orderId()).put("l", qty(s, fill == null ? BigDecimal.ZERO : fill.quantity()))
                .put("z", qty(s, o.filledQuantity()))
                .put("L", price(s, fill == null ? BigDecimal.ZERO : fill.price()));
        if (fill != null) {
            e.put("n", fmt(maker ? fill.makerFee() : fill.takerFee(), 8))
                    .put("N", maker ? fill.makerFeeAsset() : fill.takerFeeAsset());
        } else {
            e.put("n", "0").putNull("N");
        }
        e.put("T", time).put("t", fill == null ? -1 : fill.tradeId()).put("I", executionIds.incrementAndGet())
                .put("w", o.status().isOpen() && o.status() != OrderStatus.PENDING_TRIGGER)
                .put("m", fill != null && maker).put("M", false).put("O", o.createdAt().toEpochMilli())
                .put("Z", quote(s, o.filledNotional()))
                .put("Y", quote(s, fill == null ? BigDecimal.ZERO : fill.notional()))
                .put("Q", quote(s, BigDecimal.ZERO));
        if (o.status() != OrderStatus.PENDING_TRIGGER) {
            e.put("W", o.createdAt().toEpochMilli());
        }
        e.put("V", "NONE");
        return e;
    }

    private ObjectNode orderTradeUpdate(BinanceSymbol s, OrderState o, Meta meta, String exec, Fill fill,
                                        Liquidity liquidity, long time) {
        boolean maker = liquidity == Liquidity.MAKER;
        BigDecimal avg = o.filledQuantity().signum() == 0 ? BigDecimal.ZERO
                : o.filledNotional().divide(o.filledQuantity(), s.pricePrecision() + 3, RoundingMode.HALF_EVEN);
        BigDecimal realized = BigDecimal.ZERO;
        if (fill != null) {
            String key = o.account() + "|" + s.symbol();
            BigDecimal total = sim.accounts().position(o.account(), s.symbol()).realizedPnl();
            BigDecimal before = realizedSeen.getOrDefault(key, BigDecimal.ZERO);
            realizedSeen.put(key, total);
            realized = total.subtract(before);
        }
        ObjectNode e = JSON.createObjectNode().put("e", "ORDER_TRADE_UPDATE").put("E", now()).put("T", time);
        ObjectNode x = e.putObject("o");
        x.put("s", s.symbol()).put("c", meta.clientOrderId()).put("S", o.side().name()).put("o", meta.type())
                .put("f", tif(o)).put("q", qty(s, o.quantity())).put("p", price(s, o.price()))
                .put("ap", avg.toPlainString())
                .put("sp", price(s, meta.stopPrice() == null ? BigDecimal.ZERO : meta.stopPrice()))
                .put("x", exec).put("X", status(o)).put("i", o.orderId())
                .put("l", qty(s, fill == null ? BigDecimal.ZERO : fill.quantity())).put("z", qty(s, o.filledQuantity()))
                .put("L", price(s, fill == null ? BigDecimal.ZERO : fill.price()))
                .put("N", s.quoteAsset())
                .put("n", fill == null ? "0" : fmt(maker ? fill.makerFee() : fill.takerFee(), 8))
                .put("T", time).put("t", fill == null ? 0 : fill.tradeId()).put("b", "0").put("a", "0")
                .put("m", fill != null && maker).put("R", meta.reduceOnly()).put("wt", "CONTRACT_PRICE")
                .put("ot", meta.type()).put("ps", "BOTH").put("cp", false).put("rp", fmt(realized, 8))
                .put("pP", false).put("si", 0).put("ss", 0).put("V", "NONE").put("pm", "NONE").put("gtd", 0)
                .put("er", "0");
        return e;
    }

    private ObjectNode accountUpdateOrder(BinanceSymbol s, String account, long time) {
        ObjectNode e = JSON.createObjectNode().put("e", "ACCOUNT_UPDATE").put("E", now()).put("T", time);
        ObjectNode a = e.putObject("a").put("m", "ORDER");
        BigDecimal wallet = walletBalance(account, s.quoteAsset());
        a.putArray("B").addObject().put("a", s.quoteAsset()).put("wb", fmt(wallet, 8)).put("cw", fmt(wallet, 8))
                .put("bc", "0");
        Position p = sim.accounts().position(account, s.symbol());
        a.putArray("P").addObject().put("s", s.symbol()).put("pa", qty(s, p.quantity()))
                .put("ep", fmt(p.averageEntryPrice(), 8)).put("bep", fmt(p.averageEntryPrice(), 8))
                .put("cr", fmt(p.realizedPnl(), 8)).put("up", fmt(p.unrealizedPnl(markPrice(s)), 8))
                .put("mt", "cross").put("iw", "0").put("ps", "BOTH");
        return e;
    }

    // ---- rendering helpers ---------------------------------------------------------------------------------

    String status(OrderState o) {
        return switch (o.status()) {
            case PENDING_TRIGGER, NEW -> "NEW";
            case PARTIALLY_FILLED -> "PARTIALLY_FILLED";
            case FILLED -> "FILLED";
            case REJECTED -> "REJECTED";
            case CANCELED -> o.cancelReason() == CancelReason.USER || o.cancelReason() == CancelReason.CANCEL_ALL
                    ? "CANCELED" : "EXPIRED";
        };
    }

    String tif(OrderState o) {
        return switch (o.timeInForce()) {
            case GTC -> "GTC";
            case IOC -> o.type() == OrderType.MARKET || o.type() == OrderType.STOP_MARKET ? "GTC" : "IOC";
            case FOK -> "FOK";
            case POST_ONLY -> spot() ? "GTC" : "GTX";
        };
    }

    String price(BinanceSymbol s, BigDecimal v) {
        return fmt(v == null ? BigDecimal.ZERO : v, spot() ? 8 : s.pricePrecision());
    }

    String qty(BinanceSymbol s, BigDecimal v) {
        return fmt(v, spot() ? 8 : s.quantityPrecision());
    }

    String quote(BinanceSymbol s, BigDecimal v) {
        return fmt(v, spot() ? 8 : 5);
    }

    static String fmt(BigDecimal v, int scale) {
        return v.setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN).toPlainString();
    }

    ArrayNode levels(BinanceSymbol s, List<PriceLevel> levels) {
        ArrayNode a = JSON.createArrayNode();
        for (PriceLevel l : levels) {
            a.addArray().add(price(s, l.price())).add(qty(s, l.quantity()));
        }
        return a;
    }

    static List<Long> unmodifiable(List<Long> l) {
        return Collections.unmodifiableList(l);
    }
}
