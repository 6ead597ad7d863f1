package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.core.spi.ExchangeConnector;
import io.exchangebus.connectors.core.spi.ExchangeConnectorProvider;
import java.util.List;

/** Deribit's connector, exchange id {@code deribit}. Found by ServiceLoader. */
public final class DeribitConnectorProvider implements ExchangeConnectorProvider {

    @Override
    public List<ExchangeConnector> connectors() {
        return List.of(new DeribitConnector());
    }
}
