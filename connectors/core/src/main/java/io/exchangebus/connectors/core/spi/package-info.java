/**
 * How services find and build an exchange's roles by configuration alone: {@link
 * io.exchangebus.connectors.core.spi.ExchangeConnectors} (the registry, filled by {@link java.util.ServiceLoader}
 * from each exchange module's {@link io.exchangebus.connectors.core.spi.ExchangeConnectorProvider}), one {@link
 * io.exchangebus.connectors.core.spi.ExchangeConnector} per exchange id, and the configuration it is given: {@link
 * io.exchangebus.connectors.core.spi.ConnectorSettings} (endpoints and the exchange's own settings) and {@link
 * io.exchangebus.connectors.core.spi.AccountSettings} (an account and where its secrets are kept).
 *
 * <pre>{@code
 * ExchangeConnector binance = ExchangeConnectors.load().require("binance-spot");
 * ConnectorSettings settings = ConnectorSettings.production("binance-spot").withSetting("recv-window", "5s");
 * Oms oms = binance.oms(settings, new AccountSettings("main", "ed25519",
 *         SecretRef.parse("env:BINANCE_KEY"), SecretRef.parse("file:/run/secrets/binance.pem")));
 * }</pre>
 *
 * <p>Nothing here names an exchange, a file format or Kafka.
 */
package io.exchangebus.connectors.core.spi;
