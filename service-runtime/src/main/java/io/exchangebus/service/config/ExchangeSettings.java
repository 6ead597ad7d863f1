package io.exchangebus.service.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code exchanges}.
 *
 * @param id the exchange id, e.g. {@code binance-spot}; the connector registry says whether it is known
 * @param environment which endpoints to use
 * @param restUrl the REST base URL, if overridden (always set for {@code custom})
 * @param streamUrl the stream URL, if overridden (always set for {@code custom})
 * @param wsApiUrl the WebSocket API URL, if overridden
 * @param settings exchange-specific settings, passed through
 */
public record ExchangeSettings(String id, ExchangeEnvironment environment, Optional<URI> restUrl,
                               Optional<URI> streamUrl, Optional<URI> wsApiUrl, Map<String, String> settings) {
}
