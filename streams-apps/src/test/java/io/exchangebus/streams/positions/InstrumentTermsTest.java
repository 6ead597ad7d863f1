package io.exchangebus.streams.positions;

import static io.exchangebus.streams.positions.Events.ACCOUNT;
import static io.exchangebus.streams.positions.Events.T0;
import static io.exchangebus.streams.positions.Events.dec;
import static io.exchangebus.streams.positions.Events.epoch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.exchangebus.connectors.core.instrument.ContractMath;
import io.exchangebus.events.EventSource;
import io.exchangebus.events.Fill;
import io.exchangebus.events.Instrument;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.Liquidity;
import io.exchangebus.events.OptionType;
import io.exchangebus.events.OrderStatus;
import io.exchangebus.events.OrderType;
import io.exchangebus.events.OrderUpdate;
import io.exchangebus.events.PositionState;
import io.exchangebus.events.QuantityUnit;
import io.exchangebus.events.Side;
import io.exchangebus.localstack.LocalStack;
import io.exchangebus.localstack.junit.LocalStackExtension;
import io.exchangebus.streams.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Positions of Deribit instruments from fills, with the contract terms of the definitions on
 * {@code reference.instruments.v1}: the inverse perpetual (quantity in USD) averages its entry harmonically and
 * realises PnL in BTC as {@code quantity × (1/entry − 1/exit)}; the option (quantity in BTC, premium in BTC) is linear.
 * Keys are {@code deribit:main:instrumentId}.
 */
@ExtendWith(LocalStackExtension.class)
class InstrumentTermsTest {
    private static final String DERIBIT = "deribit";
    private static final String PERPETUAL = "BTC-PERPETUAL";
    private static final String PERP_ID = "BTC-USD-PERP";
    private static final String OPTION = "BTC-27MAR26-95000-C";
    private static final String OPTION_ID = "BTC-USD-20260327-95000-C";

    private PositionsDriver driver;

    @BeforeEach
    void start(LocalStack stack, @TempDir Path stateDir) {
        driver = new PositionsDriver(EventSerdes.forRegistry(stack.registryUrl()), new SimpleMeterRegistry(),
                stateDir);
        driver.instrument(perpetual());
        driver.instrument(option());
        driver.epoch(epoch("e1", DERIBIT, null));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAverageAnInversePerpetualsEntryHarmonicallyAndRealisePnlInBitcoin() {
        driver.order(filled("1", PERPETUAL, PERP_ID, Side.BUY, "1000", "80000"));
        driver.order(filled("2", PERPETUAL, PERP_ID, Side.BUY, "1000", "100000"));

        PositionState held = driver.position(DERIBIT, PERP_ID);
        assertThat(held.getQuantity()).isEqualByComparingTo("2000");
        // 2000 USD bought for 1000/80000 + 1000/100000 = 0.0225 BTC: 2000 / 0.0225 = 88888.88…, not the linear 90000.
        assertThat(held.getAverageEntryPrice()).isCloseTo(new BigDecimal("88888.888888888888888889"),
                within(new BigDecimal("1e-12")));

        driver.order(filled("3", PERPETUAL, PERP_ID, Side.SELL, "2000", "100000"));

        PositionState closed = driver.position(DERIBIT, PERP_ID);
        assertThat(closed.getQuantity()).isEqualByComparingTo("0");
        // 2000 × (1/88888.88… − 1/100000) = 0.0225 − 0.02 = 0.0025 BTC (linear would say 20 000 000).
        assertThat(closed.getRealizedPnl()).isCloseTo(new BigDecimal("0.0025"), within(new BigDecimal("1e-15")));
        assertThat(closed.getRealizedPnl()).isEqualByComparingTo(ContractMath.realisedPnl(
                new ContractMath.Terms(true, BigDecimal.ONE), true, dec("2000"), held.getAverageEntryPrice(),
                dec("100000")));
        assertThat(driver.lastPublished(DERIBIT, PERP_ID)).isNotNull();
    }

    @Test
    void shouldRealiseAnOptionsPremiumLinearly() {
        driver.order(filled("4", OPTION, OPTION_ID, Side.BUY, "1", "0.05"));
        driver.order(filled("5", OPTION, OPTION_ID, Side.SELL, "0.4", "0.07"));

        PositionState option = driver.position(DERIBIT, OPTION_ID);
        assertThat(option.getQuantity()).isEqualByComparingTo("0.6");
        assertThat(option.getAverageEntryPrice()).isEqualByComparingTo("0.05");
        assertThat(option.getRealizedPnl()).isEqualByComparingTo("0.008");
    }

    @Test
    void shouldTakeAnInstrumentWithoutADefinitionAsLinear() {
        driver.order(filled("6", "ETH-PERPETUAL", "ETH-USD-PERP", Side.BUY, "10", "3000"));
        driver.order(filled("7", "ETH-PERPETUAL", "ETH-USD-PERP", Side.SELL, "10", "3300"));

        assertThat(driver.position(DERIBIT, "ETH-USD-PERP").getRealizedPnl()).isEqualByComparingTo("3000");
    }

    @Test
    void shouldReadTermsFromADefinition() {
        assertThat(InstrumentTerms.of(perpetual())).isEqualTo(new ContractMath.Terms(true, BigDecimal.ONE));
        assertThat(InstrumentTerms.of(option())).isEqualTo(ContractMath.Terms.LINEAR);
        Instrument contracts = Instrument.newBuilder(perpetual()).setUnit(QuantityUnit.CONTRACTS).build();
        assertThat(InstrumentTerms.of(contracts).inverse()).isTrue();
        assertThat(InstrumentTerms.of(contracts).multiplier()).isEqualByComparingTo("10");
    }

    /** Deribit's BTC-PERPETUAL as its connector defines it: inverse, amounts in USD, contract size 10 USD. */
    private static Instrument perpetual() {
        return Instrument.newBuilder().setExchange(DERIBIT).setSymbol(PERPETUAL).setInstrumentId(PERP_ID)
                .setKind(InstrumentKind.PERPETUAL).setBase("BTC").setQuote("USD").setSettle("BTC")
                .setTickSize(dec("0.5")).setLotSize(dec("10")).setMinQuantity(dec("10"))
                .setContractSize(dec("10")).setTrading(true).setUnit(QuantityUnit.QUOTE).setInverse(true)
                .setPriceAsset("USD").build();
    }

    /** A BTC call: amounts in BTC, premium in BTC, not inverse. */
    private static Instrument option() {
        return Instrument.newBuilder().setExchange(DERIBIT).setSymbol(OPTION).setInstrumentId(OPTION_ID)
                .setKind(InstrumentKind.OPTION).setBase("BTC").setQuote("USD").setSettle("BTC")
                .setExpiry(T0.plusSeconds(86_400 * 25)).setStrike(dec("95000")).setOptionType(OptionType.CALL)
                .setTickSize(dec("0.0005")).setLotSize(dec("0.1")).setMinQuantity(dec("0.1"))
                .setContractSize(dec("1")).setTrading(true).setUnit(QuantityUnit.BASE).setInverse(false)
                .setPriceAsset("BTC").build();
    }

    /** A market order of {@code account} filled at once by one fill, fee 0. */
    private static OrderUpdate filled(String orderId, String symbol, String instrumentId, Side side, String quantity,
                                      String price) {
        Fill fill = Fill.newBuilder().setTradeId("t-" + orderId).setPrice(dec(price)).setQuantity(dec(quantity))
                .setFee(BigDecimal.ZERO).setFeeAsset("BTC").setLiquidity(Liquidity.TAKER).setExchangeTime(T0)
                .build();
        return OrderUpdate.newBuilder()
                .setExchange(DERIBIT).setAccount(ACCOUNT).setSymbol(symbol).setInstrumentId(instrumentId)
                .setClientOrderId(null).setExchangeOrderId(orderId).setSide(side).setOrderType(OrderType.MARKET)
                .setStatus(OrderStatus.FILLED).setQuantity(dec(quantity)).setFilledQuantity(dec(quantity))
                .setAveragePrice(dec(price)).setLastFill(fill)
                .setExchangeTime(T0.plusSeconds(1)).setReceiveTime(T0.plusSeconds(1).plusMillis(2))
                .setSource(EventSource.STREAM)
                .build();
    }
}
