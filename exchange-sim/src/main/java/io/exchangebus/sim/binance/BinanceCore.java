package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exchangebus.sim.Simulator;
import io.exchangebus.sim.account.AccountSnapshot;
import io.exchangebus.sim.account.ApiKey;
import io.exchangebus.sim.engine.BookSnapshot;
import io.exchangebus.sim.engine.CancelReason;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.OrderState;
import io.exchangebus.sim.engine.OrderType;
import io.exchangebus.sim.engine.PriceLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.PublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What REST and the WebSocket API share: the family's {@link BinanceVenue}, authentication, parameters, number
 * rendering, and the parts that do the work ({@link BinanceOrders}, {@link UsdmMargin}, {@link UserEvents}).
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

    /** A parsed, validated new order, not yet sent to the engine. */
    record NewOrder(BinanceSymbol symbol, String type, OrderRequest request, boolean reduceOnly, String respType) {
    }

    final BinanceVenue venue;
    final Simulator sim;
    final Clock clock;
    final Map<String, BinanceSymbol> symbols = new LinkedHashMap<>();
    /** Symbols exchangeInfo no longer lists, as after an expiry or a delisting. */
    final Set<String> delisted = ConcurrentHashMap.newKeySet();
    final RateLimiter limits;
    final Map<String, PublicKey> ed25519Keys = new ConcurrentHashMap<>();
    final long uid = 354937868L;
    volatile UserEventSink sink;
    final BinanceOrders orders;
    final UsdmMargin margin;
    /** Recent trades per symbol; registered before the WebSocket server, so it records before streams print. */
    final BinanceTradeTape trades;

    BinanceCore(BinanceVenue venue, Simulator sim, List<BinanceSymbol> symbolList, int weightPerMinute) {
        this.venue = venue;
        this.sim = sim;
        this.clock = sim.clock();
        symbolList.forEach(s -> symbols.put(s.symbol(), s));
        this.limits = new RateLimiter(clock, venue, weightPerMinute);
        venue.attach(this);
        this.orders = new BinanceOrders(this);
        this.margin = new UsdmMargin(this);
        sim.addListener(new UserEvents(this)::onEngineEvent);
        this.trades = new BinanceTradeTape(this);
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

    static String clientId(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!CLIENT_ID.matcher(v).matches()) {
            throw BinanceException.illegal(name);
        }
        return v;
    }

    /** Mid of the book, else the last trade price, else null. */
    BigDecimal referencePrice(BinanceSymbol s) {
        BookSnapshot book = sim.engine(s.symbol()).book().top(1);
        if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
            return book.bids().get(0).price().add(book.asks().get(0).price()).divide(BigDecimal.valueOf(2));
        }
        return sim.engine(s.symbol()).lastTradePrice().orElse(null);
    }

    /** Deposits and emits the family's account events. */
    void deposit(String account, String asset, BigDecimal amount) {
        sim.accounts().deposit(account, asset, amount);
        UserEventSink s = sink;
        if (s == null || !s.listens(account)) {
            return;
        }
        venue.depositEvents(this, account, asset, amount).forEach(e -> s.deliver(account, e));
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
            case POST_ONLY -> venue.postOnlyTif();
        };
    }

    String price(BinanceSymbol s, BigDecimal v) {
        return fmt(v == null ? BigDecimal.ZERO : v, venue.priceScale(s));
    }

    String qty(BinanceSymbol s, BigDecimal v) {
        return fmt(v, venue.quantityScale(s));
    }

    String quote(BinanceSymbol s, BigDecimal v) {
        return fmt(v, venue.quoteScale());
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

    static ArrayNode array(List<ObjectNode> nodes) {
        ArrayNode a = JSON.createArrayNode();
        nodes.forEach(a::add);
        return a;
    }

    /** The symbol named by {@code symbol}, or null (all symbols) when absent. */
    BinanceSymbol symbolOrAll(Map<String, String> p) {
        return p.containsKey("symbol") ? symbol(p) : null;
    }
}
