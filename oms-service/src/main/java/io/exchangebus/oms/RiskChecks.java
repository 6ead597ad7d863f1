package io.exchangebus.oms;

import io.exchangebus.connectors.core.instrument.ContractMath;
import io.exchangebus.connectors.core.instrument.InstrumentDefinition;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.ReplaceOrder;
import io.exchangebus.events.Side;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The configured risk limits applied to an order before it is sent, after the instrument's own rules
 * ({@code OrderPreflight}) passed. Codes of the refusals: {@code MAX_ORDER_QUANTITY}, {@code MAX_OPEN_ORDERS},
 * {@code MAX_ORDER_NOTIONAL}, {@code PRICE_BAND}, {@code NO_CURRENT_BOOK}.
 *
 * <p>The order notional is {@link ContractMath#quoteNotional}, in the instrument's price currency. A linear
 * limit or stop order is valued at its price; a market order at the best opposite price of the current book. An
 * inverse contract's notional is its face value (quantity × multiplier, e.g. USD), which needs no price.
 * With the price band on, an order on a book not seen yet (or empty) is refused: the band exists to stop an order
 * far from the market, and without a book the OMS cannot tell, so it does not send. Turn the band off
 * ({@code oms.risk.price-band: 0}) to trade without books.
 */
public final class RiskChecks {
    private final RiskLimits limits;
    private final TopOfBook books;
    private final OpenOrders openOrders;

    public RiskChecks(RiskLimits limits, TopOfBook books, OpenOrders openOrders) {
        this.limits = limits;
        this.books = books;
        this.openOrders = openOrders;
    }

    /** The first limit {@code order} breaks, or empty. */
    public Optional<Refusal> check(String account, InstrumentDefinition instrument, PlaceOrder order) {
        Optional<Refusal> quantity = quantity(order.getQuantity());
        if (quantity.isPresent()) {
            return quantity;
        }
        int open = openOrders.count(account);
        if (open >= limits.maxOpenOrders()) {
            return Optional.of(Refusal.invalid("MAX_OPEN_ORDERS", "account " + account + " has " + open
                    + " open orders, the limit is " + limits.maxOpenOrders()));
        }
        Optional<TopOfBook.Best> best = books.best(instrument.exchange(), instrument.symbol());
        if (limits.maxOrderNotional() != null) {
            BigDecimal valuedAt = valuation(order, best);
            if (valuedAt == null && !instrument.inverse()) {
                return noBook(instrument, "to value a market order at");
            }
            BigDecimal notional = ContractMath.quoteNotional(instrument, order.getQuantity(), valuedAt);
            if (notional.compareTo(limits.maxOrderNotional()) > 0) {
                return Optional.of(Refusal.invalid("MAX_ORDER_NOTIONAL", "notional " + plain(notional)
                        + " is above the limit " + plain(limits.maxOrderNotional())));
            }
        }
        Optional<Refusal> band = band(instrument, best, order.getPrice());
        return band.isPresent() ? band : band(instrument, best, order.getStopPrice());
    }

    /** The first limit a replace's new quantity or price breaks, or empty. */
    public Optional<Refusal> check(InstrumentDefinition instrument, ReplaceOrder replace) {
        if (replace.getQuantity() != null) {
            Optional<Refusal> quantity = quantity(replace.getQuantity());
            if (quantity.isPresent()) {
                return quantity;
            }
        }
        return band(instrument, books.best(instrument.exchange(), instrument.symbol()), replace.getPrice());
    }

    private Optional<Refusal> quantity(BigDecimal quantity) {
        if (limits.maxOrderQuantity() != null && quantity.compareTo(limits.maxOrderQuantity()) > 0) {
            return Optional.of(Refusal.invalid("MAX_ORDER_QUANTITY", "quantity " + plain(quantity)
                    + " is above the limit " + plain(limits.maxOrderQuantity())));
        }
        return Optional.empty();
    }

    private Optional<Refusal> band(InstrumentDefinition instrument, Optional<TopOfBook.Best> best, BigDecimal price) {
        if (!limits.bandOn() || price == null) {
            return Optional.empty();
        }
        BigDecimal mid = best.map(TopOfBook.Best::mid).orElse(null);
        if (mid == null) {
            return noBook(instrument, "for the price band");
        }
        BigDecimal allowed = mid.multiply(limits.priceBand());
        if (price.subtract(mid).abs().compareTo(allowed) > 0) {
            return Optional.of(Refusal.invalid("PRICE_BAND", "price " + plain(price) + " is more than "
                    + plain(limits.priceBand().movePointRight(2)) + "% from the mid " + plain(mid) + " of "
                    + instrument.symbol()));
        }
        return Optional.empty();
    }

    private static BigDecimal valuation(PlaceOrder order, Optional<TopOfBook.Best> best) {
        if (order.getPrice() != null) {
            return order.getPrice();
        }
        if (order.getOrderType() == OrderType.STOP_MARKET && order.getStopPrice() != null) {
            return order.getStopPrice();
        }
        return best.map(b -> order.getSide() == Side.BUY ? b.ask() : b.bid()).orElse(null);
    }

    private static Optional<Refusal> noBook(InstrumentDefinition instrument, String why) {
        return Optional.of(Refusal.invalid("NO_CURRENT_BOOK", "no current book of " + instrument.symbol() + " on "
                + instrument.exchange() + " " + why));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
