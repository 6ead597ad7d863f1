package io.exchangebus.connectors.core.role;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.TimeInForce;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a role can do on its exchange. Immutable. */
public final class Capabilities {
    private final String exchange;
    private final Set<Capability> supported;

    private Capabilities(String exchange, Set<Capability> supported) {
        this.exchange = exchange;
        this.supported = supported.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(supported);
    }

    public static Capabilities of(String exchange, Set<Capability> supported) {
        return new Capabilities(exchange, supported);
    }

    public boolean supports(Capability capability) {
        return supported.contains(capability);
    }

    /** An error naming the capability when it is missing. */
    public Optional<ExchangeError> require(Capability capability) {
        return supports(capability) ? Optional.empty()
                : Optional.of(ExchangeError.unsupported(exchange, capability.name()));
    }

    /** The capabilities a new order needs: its type, a GTD time in force, reduce-only. */
    public static Set<Capability> neededBy(PlaceOrder order) {
        Set<Capability> needed = EnumSet.of(forType(order.getOrderType()));
        if (order.getTimeInForce() == TimeInForce.GTD) {
            needed.add(Capability.TIME_IN_FORCE_GTD);
        }
        if (order.getReduceOnly()) {
            needed.add(Capability.REDUCE_ONLY);
        }
        return needed;
    }

    /**
     * The first capability {@code order} needs that is missing, as an error; an order type or time in force this
     * build does not know (UNKNOWN, the reader's default for a symbol added later) as INVALID_ORDER: it is never
     * sent, nor read as some other type.
     */
    public Optional<ExchangeError> check(PlaceOrder order) {
        if (order.getOrderType() == OrderType.UNKNOWN) {
            return Optional.of(ExchangeError.invalidOrder(exchange, "UNKNOWN_ORDER_TYPE",
                    "the order type was added after this version of the model; upgrade to place it"));
        }
        if (order.getTimeInForce() == TimeInForce.UNKNOWN) {
            return Optional.of(ExchangeError.invalidOrder(exchange, "UNKNOWN_TIME_IN_FORCE",
                    "the time in force was added after this version of the model; upgrade to place it"));
        }
        return neededBy(order).stream().filter(c -> !supports(c)).findFirst()
                .map(c -> ExchangeError.unsupported(exchange, c.name()));
    }

    static Capability forType(OrderType type) {
        return switch (type) {
            case LIMIT -> Capability.ORDER_LIMIT;
            case MARKET -> Capability.ORDER_MARKET;
            case LIMIT_MAKER -> Capability.ORDER_LIMIT_MAKER;
            case IMMEDIATE_OR_CANCEL -> Capability.ORDER_IMMEDIATE_OR_CANCEL;
            case FILL_OR_KILL -> Capability.ORDER_FILL_OR_KILL;
            case STOP_LIMIT -> Capability.ORDER_STOP_LIMIT;
            case STOP_MARKET -> Capability.ORDER_STOP_MARKET;
            // Refused by check() first: a type this build does not know needs nothing it could name.
            case UNKNOWN -> throw new IllegalArgumentException("order type UNKNOWN is not a real order type");
        };
    }

    @Override
    public String toString() {
        return exchange + supported;
    }
}
