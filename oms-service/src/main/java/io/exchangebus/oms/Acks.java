package io.exchangebus.oms;

import io.exchangebus.events.AckStatus;
import io.exchangebus.events.OrderAck;
import io.exchangebus.events.OrderCommand;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Builds the one ack of a command: its id, exchange and account, status, order ids and error. */
public final class Acks {
    private final Clock clock;

    public Acks(Clock clock) {
        this.clock = clock;
    }

    public OrderAck accepted(OrderCommand command, String clientOrderId, String exchangeOrderId) {
        return base(command, AckStatus.ACCEPTED).setClientOrderId(clientOrderId).setExchangeOrderId(exchangeOrderId)
                .build();
    }

    public OrderAck rejected(OrderCommand command, String clientOrderId, Refusal refusal) {
        return base(command, AckStatus.REJECTED).setClientOrderId(clientOrderId).setError(refusal.toEvent()).build();
    }

    public OrderAck expired(OrderCommand command, String clientOrderId) {
        return base(command, AckStatus.EXPIRED).setClientOrderId(clientOrderId).build();
    }

    public OrderAck duplicate(OrderCommand command, String clientOrderId) {
        return base(command, AckStatus.DUPLICATE).setClientOrderId(clientOrderId).build();
    }

    private OrderAck.Builder base(OrderCommand command, AckStatus status) {
        return OrderAck.newBuilder().setCommandId(command.getCommandId()).setExchange(command.getExchange())
                .setAccount(command.getAccount()).setStatus(status).setClientOrderId(null).setExchangeOrderId(null)
                .setError(null).setCommandCreatedAt(command.getCreatedAt())
                .setAckTime(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
}
