package io.exchangebus.connectors.grvt;

import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectorProvider;
import java.util.List;

/** GRVT's connector, exchange id {@code grvt}. Found by ServiceLoader. */
public final class GrvtConnectorProvider implements ExchangeConnectorProvider {

    @Override
    public List<ExchangeConnector> connectors() {
        return List.of(new GrvtConnector());
    }
}
