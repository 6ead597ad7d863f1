package io.exchangebus.service.config;

import java.util.Map;

/**
 * One entry of {@code exchanges}, as configuration gives it; what the names mean is the exchange's connector's.
 *
 * @param id the exchange id, e.g. {@code binance-spot}; the connector registry says whether it is known
 * @param environment which of the exchange's deployments to use, lower case: {@code production}, {@code testnet},
 *        {@code custom}, or another the connector declares
 * @param endpoints endpoint URIs by name, from {@code endpoints} and the shorthands {@code rest-url},
 *        {@code stream-url} and {@code ws-api-url}, as text (the connector settings check them)
 * @param settings exchange-specific settings, passed through
 */
public record ExchangeSettings(String id, String environment, Map<String, String> endpoints,
                               Map<String, String> settings) {
}
