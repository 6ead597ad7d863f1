package io.exchangebus.connectors.core.spi;

import java.util.List;

/**
 * What an exchange module offers to {@link ExchangeConnectors}: its connectors, one per exchange id (a module may
 * serve several, e.g. Binance spot and USD-M). Found with {@link java.util.ServiceLoader}: a module lists its
 * implementation in {@code META-INF/services/io.exchangebus.connectors.core.spi.ExchangeConnectorProvider}, and
 * the implementation has a public no-argument constructor.
 */
public interface ExchangeConnectorProvider {

    /** The connectors of this module; each exchange id once. */
    List<ExchangeConnector> connectors();
}
