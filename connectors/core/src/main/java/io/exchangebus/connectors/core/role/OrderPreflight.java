package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.connectors.core.instrument.InstrumentId;
import io.exchangebus.connectors.core.instrument.InstrumentRegistry;
import io.exchangebus.connectors.core.instrument.OrderRules;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The checks every OMS makes before sending a new order, the same on every exchange: the order needs nothing the
 * exchange cannot do, its instrument is known and trading, its fields fit its type, and its price and quantity
 * keep the instrument's rules. The first failure is returned as an INVALID_ORDER error naming the rule.
 */
public final class OrderPreflight {
    private final Capabilities capabilities;
    private final InstrumentRegistry instruments;

    public OrderPreflight(Capabilities capabilities, InstrumentRegistry instruments) {
        this.capabilities = capabilities;
        this.instruments = instruments;
    }

    /**
     * @param referencePrice a price to value a market order at for the minimum-notional rule, or null
     * @return the instrument to send the order on, or why the order must not be sent
     */
    public Result<InstrumentDefinition> check(PlaceOrder order, BigDecimal referencePrice) {
        Optional<ExchangeError> unsupported = capabilities.check(order);
        if (unsupported.isPresent()) {
            return Result.err(unsupported.get());
        }
        String exchange = instruments.exchange();
        InstrumentId id;
        try {
            id = InstrumentId.parse(order.getInstrumentId());
        } catch (IllegalArgumentException e) {
            return Result.err(ExchangeError.invalidOrder(exchange, "UNKNOWN_INSTRUMENT", e.getMessage()));
        }
        Optional<InstrumentDefinition> found = instruments.byId(id);
        if (found.isEmpty()) {
            return Result.err(ExchangeError.invalidOrder(exchange, "UNKNOWN_INSTRUMENT",
                    instruments.notListedReason(id)));
        }
        InstrumentDefinition instrument = found.get();
        if (!instrument.symbol().equals(order.getSymbol())) {
            return Result.err(ExchangeError.invalidOrder(exchange, "SYMBOL_MISMATCH", "symbol " + order.getSymbol()
                    + " is not " + exchange + "'s symbol for " + id + " (" + instrument.symbol() + ")"));
        }
        if (!instrument.trading()) {
            return Result.err(ExchangeError.invalidOrder(exchange, "NOT_TRADING",
                    instrument.symbol() + " is not trading on " + exchange));
        }
        Optional<ExchangeError> fields = checkFields(exchange, order);
        if (fields.isPresent()) {
            return Result.err(fields.get());
        }
        Optional<ExchangeError> rules = OrderRules.check(instrument, order.getPrice(), order.getQuantity(),
                referencePrice);
        if (rules.isPresent()) {
            return Result.err(rules.get());
        }
        if (order.getStopPrice() != null) {
            Optional<ExchangeError> stop = OrderRules.check(instrument, order.getStopPrice(), order.getQuantity(), null);
            if (stop.isPresent()) {
                return Result.err(stop.get());
            }
        }
        return Result.ok(instrument);
    }

    private static Optional<ExchangeError> checkFields(String exchange, PlaceOrder order) {
        OrderType type = order.getOrderType();
        boolean needsPrice = type != OrderType.MARKET && type != OrderType.STOP_MARKET;
        boolean needsStop = type == OrderType.STOP_LIMIT || type == OrderType.STOP_MARKET;
        if (needsPrice && order.getPrice() == null) {
            return Optional.of(ExchangeError.invalidOrder(exchange, "PRICE_REQUIRED", type + " order needs a price"));
        }
        if (!needsPrice && order.getPrice() != null) {
            return Optional.of(ExchangeError.invalidOrder(exchange, "PRICE_NOT_ALLOWED",
                    type + " order takes no limit price"));
        }
        if (needsStop != (order.getStopPrice() != null)) {
            return Optional.of(ExchangeError.invalidOrder(exchange, needsStop ? "STOP_PRICE_REQUIRED"
                    : "STOP_PRICE_NOT_ALLOWED", type + " order " + (needsStop ? "needs" : "takes no") + " stop price"));
        }
        if ((order.getTimeInForce() == io.exchangebus.events.TimeInForce.GTD) != (order.getGoodTillTime() != null)) {
            return Optional.of(ExchangeError.invalidOrder(exchange, "GOOD_TILL_TIME",
                    "a GTD order needs goodTillTime, and only a GTD order takes one"));
        }
        return Optional.empty();
    }
}
