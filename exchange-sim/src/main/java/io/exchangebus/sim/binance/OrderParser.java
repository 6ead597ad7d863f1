package io.exchangebus.sim.binance;

import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.Side;
import io.exchangebus.sim.engine.TimeInForce;
import java.math.BigDecimal;
import java.util.Map;

/** Turns new-order parameters into a validated {@link BinanceCore.NewOrder}, with the family's rules and codes. */
final class OrderParser {

    private final BinanceCore core;
    private final BinanceVenue venue;

    OrderParser(BinanceCore core) {
        this.core = core;
        this.venue = core.venue;
    }

    /** A parsed new order; {@code checkDuplicate} false lets cancel-replace reuse the replaced order's client id. */
    BinanceCore.NewOrder parse(String account, Map<String, String> p, boolean checkDuplicate) {
        BinanceSymbol s = core.symbol(p);
        Side side = side(BinanceCore.req(p, "side"));
        String type = BinanceCore.req(p, "type");
        BinanceVenue.OrderKind kind = venue.orderKind(type);
        TimeInForce tif = timeInForce(p, type, kind.limitPriced());
        BigDecimal quantity = BinanceCore.decimal(p, "quantity");
        if (quantity == null) {
            throw BinanceException.mandatory("quantity");
        }
        BigDecimal price = price(p, kind.limitPriced());
        BigDecimal stopPrice = stopPrice(p, kind.stop());
        boolean reduceOnly = venue.reduceOnly(p);
        String cid = BinanceCore.clientId(p, "newClientOrderId");
        if (cid == null) {
            cid = BinanceCore.newClientId();
        }
        checkPrice(s, price);
        checkPrice(s, stopPrice);
        checkQuantity(s, quantity, !kind.limitPriced());
        checkNotional(s, quantity, price, stopPrice, reduceOnly);
        if (checkDuplicate && core.orders.openClientId(account, s.symbol(), cid)) {
            throw venue.duplicateClientId();
        }
        String respType = p.getOrDefault("newOrderRespType", venue.defaultRespType(type));
        OrderRequest request = new OrderRequest(account, cid, side, kind.engineType(), tif, price, quantity, stopPrice);
        return new BinanceCore.NewOrder(s, type, request, reduceOnly, respType);
    }

    private static Side side(String text) {
        return switch (text) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new BinanceException(400, -1117, "Invalid side.");
        };
    }

    private TimeInForce timeInForce(Map<String, String> p, String type, boolean limitPriced) {
        boolean needsTif = limitPriced && !type.equals("LIMIT_MAKER");
        String tifText = p.get("timeInForce");
        if (needsTif && (tifText == null || tifText.isEmpty())) {
            throw BinanceException.mandatory("timeInForce");
        }
        if (!limitPriced && tifText != null && venue.rejectsUnneededParameters()) {
            throw new BinanceException(400, -1106, "Parameter 'timeInForce' sent when not required.");
        }
        if (needsTif) {
            return switch (tifText) {
                case "GTC" -> TimeInForce.GTC;
                case "IOC" -> TimeInForce.IOC;
                case "FOK" -> TimeInForce.FOK;
                case "GTX" -> {
                    if (!venue.acceptsGtx()) {
                        throw new BinanceException(400, -1115, "Invalid timeInForce.");
                    }
                    yield TimeInForce.POST_ONLY;
                }
                default -> throw new BinanceException(400, -1115, "Invalid timeInForce.");
            };
        }
        if (type.equals("LIMIT_MAKER")) {
            return TimeInForce.POST_ONLY;
        }
        return limitPriced ? TimeInForce.GTC : TimeInForce.IOC;
    }

    private static BigDecimal price(Map<String, String> p, boolean limitPriced) {
        BigDecimal price = BinanceCore.decimal(p, "price");
        if (limitPriced && price == null) {
            throw BinanceException.mandatory("price");
        }
        if (!limitPriced && price != null) {
            throw new BinanceException(400, -1106, "Parameter 'price' sent when not required.");
        }
        return price;
    }

    private BigDecimal stopPrice(Map<String, String> p, boolean stop) {
        BigDecimal stopPrice = BinanceCore.decimal(p, "stopPrice");
        if (stop && stopPrice == null) {
            throw BinanceException.mandatory("stopPrice");
        }
        if (!stop && stopPrice != null && venue.rejectsUnneededParameters()) {
            throw new BinanceException(400, -1106, "Parameter 'stopPrice' sent when not required.");
        }
        return stop ? stopPrice : null;
    }

    private void checkNotional(BinanceSymbol s, BigDecimal quantity, BigDecimal price, BigDecimal stopPrice,
                               boolean reduceOnly) {
        BigDecimal notionalPrice = price != null ? price : stopPrice != null ? stopPrice : core.referencePrice(s);
        if (notionalPrice != null && !reduceOnly
                && notionalPrice.multiply(quantity).compareTo(s.minNotional()) < 0) {
            throw venue.belowNotional(s);
        }
    }

    void checkPrice(BinanceSymbol s, BigDecimal price) {
        if (price == null) {
            return;
        }
        if (price.signum() <= 0 || price.compareTo(s.minPrice()) < 0 || price.compareTo(s.maxPrice()) > 0) {
            throw venue.priceOutOfRange(s, price);
        }
        if (price.subtract(s.minPrice()).remainder(s.tickSize()).signum() != 0) {
            throw venue.priceOffTick();
        }
    }

    void checkQuantity(BinanceSymbol s, BigDecimal qty, boolean market) {
        BigDecimal max = market ? s.marketMaxQty() : s.maxQty();
        String filter = market ? "MARKET_LOT_SIZE" : "LOT_SIZE";
        if (qty.signum() <= 0) {
            throw venue.quantityNotPositive(filter);
        }
        if (qty.compareTo(s.minQty()) < 0 || qty.compareTo(max) > 0) {
            throw venue.quantityOutOfRange(filter, qty.compareTo(max) > 0);
        }
        if (qty.subtract(s.minQty()).remainder(s.stepSize()).signum() != 0) {
            throw venue.quantityOffStep(filter);
        }
    }
}
