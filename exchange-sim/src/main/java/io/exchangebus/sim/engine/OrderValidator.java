package io.exchangebus.sim.engine;

import java.math.BigDecimal;
import java.util.Optional;

/** Checks of a request against its instrument, before the engine touches anything. Pure functions. */
final class OrderValidator {

    private OrderValidator() {
    }

    static Optional<RejectReason> validate(Instrument instrument, OrderRequest request) {
        Optional<RejectReason> quantity = validateQuantity(instrument, request.quantity());
        if (quantity.isPresent()) {
            return quantity;
        }
        OrderType type = request.type();
        if (type.hasLimitPrice()) {
            if (request.price() == null) {
                return Optional.of(RejectReason.PRICE_REQUIRED);
            }
            Optional<RejectReason> price = validatePrice(instrument, request.price());
            if (price.isPresent()) {
                return price;
            }
        } else if (request.price() != null) {
            return Optional.of(RejectReason.PRICE_NOT_ALLOWED);
        }
        if (type.isStop()) {
            BigDecimal stop = request.stopPrice();
            if (stop == null || stop.signum() <= 0 || !instrument.isOnTick(stop)) {
                return Optional.of(RejectReason.STOP_PRICE_REQUIRED);
            }
        }
        boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        if (market && request.timeInForce() == TimeInForce.POST_ONLY) {
            return Optional.of(RejectReason.TIME_IN_FORCE_NOT_ALLOWED);
        }
        return Optional.empty();
    }

    static Optional<RejectReason> validateQuantity(Instrument instrument, BigDecimal quantity) {
        if (quantity.signum() <= 0) {
            return Optional.of(RejectReason.INVALID_QUANTITY);
        }
        if (!instrument.isOnLot(quantity)) {
            return Optional.of(RejectReason.QUANTITY_NOT_ON_LOT);
        }
        if (quantity.compareTo(instrument.minQuantity()) < 0) {
            return Optional.of(RejectReason.QUANTITY_BELOW_MINIMUM);
        }
        return Optional.empty();
    }

    static Optional<RejectReason> validatePrice(Instrument instrument, BigDecimal price) {
        if (price.signum() <= 0) {
            return Optional.of(RejectReason.INVALID_PRICE);
        }
        if (!instrument.isOnTick(price)) {
            return Optional.of(RejectReason.PRICE_NOT_ON_TICK);
        }
        return Optional.empty();
    }
}
