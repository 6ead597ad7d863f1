package io.exchangebus.examples.strategy;

/**
 * Where the strategy trades: the Kafka cluster and registry of an ExchangeBus deployment, and the exchange, the
 * account (as ExchangeBus's services name it) and the instrument.
 *
 * @param symbol       the exchange's own symbol, e.g. {@code BTCUSDT}, {@code BTC-PERPETUAL}
 * @param instrumentId our instrument id, e.g. {@code BTC-USDT-PERP}, as order commands carry it
 */
public record StrategySettings(String bootstrapServers, String registryUrl, String exchange, String account,
                               String symbol, String instrumentId) {
}
