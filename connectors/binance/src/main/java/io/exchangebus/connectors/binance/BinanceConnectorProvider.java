package io.exchangebus.connectors.binance;

import io.exchangebus.connectors.binance.config.BinanceVenue;
import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectorProvider;
import java.util.Arrays;
import java.util.List;

/** Binance's connectors, one per family: {@code binance-spot} and {@code binance-usdm}. Found by ServiceLoader. */
public final class BinanceConnectorProvider implements ExchangeConnectorProvider {

    @Override
    public List<ExchangeConnector> connectors() {
        return Arrays.stream(BinanceVenue.values()).<ExchangeConnector>map(BinanceConnector::new).toList();
    }
}
