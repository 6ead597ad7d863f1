package io.exchangebus.examples.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.events.Fill;
import io.exchangebus.examples.strategy.RestThenTakeStrategy.Round;
import io.exchangebus.sim.ExchangeSimulator;
import io.exchangebus.sim.binance.BinanceSignatures;
import io.exchangebus.testkit.ExchangeBusStack;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The example strategy on Binance spot's BTCUSDT (BTC, step 0.00001). A spot account holds no position: what a buy
 * adds is BTC on the account's balance (pms-service's {@code account.balances.v1}), less the fees Binance takes in
 * BTC. pms-service publishes a spot balance when it changes, so the balance before the buy is the exchange's own
 * ({@code GET /api/v3/account}, signed with the demo account's key).
 */
class BinanceSpotStrategyIT extends StrategyAgainstSimulator {
    private static final String BASE = "BTC";

    @Override
    String exchange() {
        return "binance-spot";
    }

    @Override
    BigDecimal quantity() {
        return new BigDecimal("0.001");
    }

    @Override
    BigDecimal holding(ExchangeBusStack stack, String account, String instrument) {
        ExchangeSimulator.Connection exchange = stack.simulator(exchange()).connection();
        String query = "timestamp=" + System.currentTimeMillis();
        HttpRequest request = HttpRequest.newBuilder(URI.create(exchange.restUrl() + "/api/v3/account?" + query
                        + "&signature=" + BinanceSignatures.hmacSha256Hex(exchange.secret(), query)))
                .header("X-MBX-APIKEY", exchange.apiKey()).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode balance : new ObjectMapper().readTree(answer.body()).get("balances")) {
                if (BASE.equals(balance.get("asset").asText())) {
                    return new BigDecimal(balance.get("free").asText())
                            .add(new BigDecimal(balance.get("locked").asText()));
                }
            }
            return BigDecimal.ZERO;
        } catch (IOException e) {
            throw new IllegalStateException("GET /api/v3/account failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    BigDecimal awaitHolding(ExchangeBusStack stack, String account, String instrument, BigDecimal expected) {
        return stack.balances().await(exchange(), account, BASE, b -> b.getTotal().compareTo(expected) == 0, TIMEOUT)
                .getTotal();
    }

    @Override
    BigDecimal bought(Round round) {
        BigDecimal fees = round.takeFills().stream().filter(f -> BASE.equals(f.getFeeAsset())).map(Fill::getFee)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return round.filled().getFilledQuantity().subtract(fees);
    }
}
