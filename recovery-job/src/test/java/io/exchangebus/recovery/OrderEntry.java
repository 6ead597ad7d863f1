package io.exchangebus.recovery;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import io.exchangebus.connectors.core.credentials.SecretRef;
import io.exchangebus.connectors.core.role.MalformedFrame;
import io.exchangebus.connectors.core.role.Oms;
import io.exchangebus.connectors.core.role.OrderAccepted;
import io.exchangebus.connectors.core.spi.AccountSettings;
import io.exchangebus.connectors.core.spi.ConnectorSettings;
import io.exchangebus.connectors.core.spi.ExchangeConnectors;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PlaceOrder;
import io.exchangebus.events.Side;
import io.exchangebus.events.TimeInForce;
import io.exchangebus.service.testing.SimulatedBinance;
import io.exchangebus.sim.account.ApiKey;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Places an account's orders at the simulator through the exchange's OMS role, found by exchange id as services find
 * it: the simulator's REST history knows only orders that came in through the exchange's own API.
 */
final class OrderEntry implements AutoCloseable {
    private final Oms oms;
    private final SimulatedBinance exchange;

    OrderEntry(SimulatedBinance exchange, Path dir, String account, ApiKey key) throws Exception {
        this.exchange = exchange;
        Path keyFile = Files.writeString(dir.resolve(account + "-oms.key"), key.keyId());
        Path secretFile = Files.writeString(dir.resolve(account + "-oms.secret"), key.secret());
        ConnectorSettings settings = ConnectorSettings.custom(exchange.exchange(), Map.of(
                "rest-url", exchange.simulator().restBaseUri(), "stream-url", exchange.simulator().streamBaseUri(),
                "ws-api-url", exchange.simulator().wsApiUri()));
        this.oms = ExchangeConnectors.load().require(exchange.exchange()).oms(settings, new AccountSettings(account,
                "hmac", SecretRef.parse("file:" + keyFile), SecretRef.parse("file:" + secretFile)));
        Result<Void> connected = oms.connect(new Oms.Listener() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
            }

            @Override
            public void onMalformedFrame(MalformedFrame frame) {
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
            }
        }).get(15, TimeUnit.SECONDS);
        if (!connected.isOk()) {
            throw new IllegalStateException("OMS did not connect: " + connected.error());
        }
    }

    /** A GTC limit buy; the exchange's order id. */
    long limitBuy(String price, String quantity) throws Exception {
        String symbol = exchange.symbol().symbol();
        String instrument = exchange.symbol().baseAsset() + "-" + exchange.symbol().quoteAsset()
                + (exchange.exchange().equals("binance-usdm") ? "-PERP" : "");
        PlaceOrder order = PlaceOrder.newBuilder()
                .setClientOrderId("rec" + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .setSymbol(symbol).setInstrumentId(instrument)
                .setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantity(new BigDecimal(quantity)).setPrice(new BigDecimal(price)).setStopPrice(null)
                .setReduceOnly(false).setGoodTillTime(null)
                .build();
        Result<OrderAccepted> accepted = oms.place(order).get(15, TimeUnit.SECONDS);
        if (!accepted.isOk()) {
            throw new IllegalStateException("order refused: " + accepted.error());
        }
        return Long.parseLong(accepted.value().exchangeOrderId());
    }

    @Override
    public void close() {
        oms.close();
    }
}
