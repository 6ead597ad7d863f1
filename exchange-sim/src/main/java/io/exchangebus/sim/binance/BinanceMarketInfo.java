package io.exchangebus.sim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** exchangeInfo as documented for spot and USDⓈ-M. */
final class BinanceMarketInfo {

    private BinanceMarketInfo() {
    }

    static ObjectNode exchangeInfo(BinanceCore core, Map<String, String> p) {
        ObjectNode out = BinanceCore.JSON.createObjectNode();
        out.put("timezone", "UTC").put("serverTime", core.now());
        core.venue.exchangeInfoHead(out, out.putArray("rateLimits"), core.limits.weight.limit, core);
        out.putArray("exchangeFilters");
        core.venue.exchangeInfoAssets(out, core);
        String only = p.get("symbol");
        ArrayNode symbols = out.putArray("symbols");
        for (BinanceSymbol s : core.symbols.values()) {
            if (only != null && !only.equals(s.symbol()) || core.delisted.contains(s.symbol())) {
                continue;
            }
            symbols.add(core.venue.exchangeInfoSymbol(s));
        }
        if (only != null && symbols.isEmpty()) {
            throw BinanceException.invalidSymbol();
        }
        return out;
    }

    static void limit(ArrayNode a, String type, String interval, int num, int limit) {
        a.addObject().put("rateLimitType", type).put("interval", interval).put("intervalNum", num).put("limit", limit);
    }

    static ObjectNode spotSymbol(BinanceSymbol s) {
        ObjectNode o = BinanceCore.JSON.createObjectNode();
        o.put("symbol", s.symbol()).put("status", "TRADING").put("baseAsset", s.baseAsset())
                .put("baseAssetPrecision", 8).put("quoteAsset", s.quoteAsset()).put("quotePrecision", 8)
                .put("quoteAssetPrecision", 8).put("baseCommissionPrecision", 8).put("quoteCommissionPrecision", 8);
        ArrayNode types = o.putArray("orderTypes");
        List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT").forEach(types::add);
        o.put("icebergAllowed", false).put("ocoAllowed", false).put("otoAllowed", false).put("opoAllowed", false)
                .put("quoteOrderQtyMarketAllowed", false).put("allowTrailingStop", false)
                .put("cancelReplaceAllowed", true).put("amendAllowed", false).put("pegInstructionsAllowed", false)
                .put("isSpotTradingAllowed", true).put("isMarginTradingAllowed", false);
        ArrayNode filters = o.putArray("filters");
        filters.addObject().put("filterType", "PRICE_FILTER").put("minPrice", f8(s.minPrice()))
                .put("maxPrice", f8(s.maxPrice())).put("tickSize", f8(s.tickSize()));
        filters.addObject().put("filterType", "LOT_SIZE").put("minQty", f8(s.minQty())).put("maxQty", f8(s.maxQty()))
                .put("stepSize", f8(s.stepSize()));
        filters.addObject().put("filterType", "MARKET_LOT_SIZE").put("minQty", f8(s.minQty()))
                .put("maxQty", f8(s.marketMaxQty())).put("stepSize", f8(s.stepSize()));
        filters.addObject().put("filterType", "NOTIONAL").put("minNotional", f8(s.minNotional()))
                .put("applyMinToMarket", true).put("maxNotional", "9000000.00000000").put("applyMaxToMarket", false)
                .put("avgPriceMins", 5);
        o.putArray("permissions");
        o.putArray("permissionSets").addArray().add("SPOT");
        o.put("defaultSelfTradePreventionMode", "NONE");
        o.putArray("allowedSelfTradePreventionModes").add("NONE");
        return o;
    }

    static ObjectNode usdmSymbol(BinanceSymbol s) {
        ObjectNode o = BinanceCore.JSON.createObjectNode();
        o.put("symbol", s.symbol()).put("pair", s.symbol()).put("contractType", "PERPETUAL")
                .put("deliveryDate", 4133404800000L).put("onboardDate", 1569398400000L).put("status", "TRADING")
                .put("maintMarginPercent", "2.5000").put("requiredMarginPercent", "5.0000")
                .put("baseAsset", s.baseAsset()).put("quoteAsset", s.quoteAsset()).put("marginAsset", s.quoteAsset())
                .put("pricePrecision", s.pricePrecision()).put("quantityPrecision", s.quantityPrecision())
                .put("baseAssetPrecision", 8).put("quotePrecision", 8).put("underlyingType", "COIN");
        o.putArray("underlyingSubType").add("PoW");
        o.put("settlePlan", 0).put("triggerProtect", "0.0500");
        ArrayNode filters = o.putArray("filters");
        filters.addObject().put("filterType", "PRICE_FILTER").put("maxPrice", plain(s.maxPrice()))
                .put("minPrice", plain(s.minPrice())).put("tickSize", plain(s.tickSize()));
        filters.addObject().put("filterType", "LOT_SIZE").put("maxQty", plain(s.maxQty()))
                .put("minQty", plain(s.minQty())).put("stepSize", plain(s.stepSize()));
        filters.addObject().put("filterType", "MARKET_LOT_SIZE").put("maxQty", plain(s.marketMaxQty()))
                .put("minQty", plain(s.minQty())).put("stepSize", plain(s.stepSize()));
        filters.addObject().put("filterType", "MAX_NUM_ORDERS").put("limit", 200);
        filters.addObject().put("filterType", "MAX_NUM_ALGO_ORDERS").put("limit", 10);
        filters.addObject().put("filterType", "MIN_NOTIONAL").put("notional", plain(s.minNotional()));
        filters.addObject().put("filterType", "PERCENT_PRICE").put("multiplierUp", "1.0500")
                .put("multiplierDown", "0.9500").put("multiplierDecimal", "4");
        ArrayNode types = o.putArray("orderTypes");
        List.of("LIMIT", "MARKET", "STOP", "STOP_MARKET").forEach(types::add);
        // The documented sample spells this key "OrderType"; the live API sends "orderTypes". Both are sent.
        o.set("OrderType", types.deepCopy());
        ArrayNode tifs = o.putArray("timeInForce");
        List.of("GTC", "IOC", "FOK", "GTX").forEach(tifs::add);
        o.put("liquidationFee", "0.012500").put("marketTakeBound", "0.05");
        return o;
    }

    private static String f8(java.math.BigDecimal v) {
        return BinanceCore.fmt(v, 8);
    }

    private static String plain(java.math.BigDecimal v) {
        return v.toPlainString();
    }
}
