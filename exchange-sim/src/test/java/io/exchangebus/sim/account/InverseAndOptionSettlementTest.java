package io.exchangebus.sim.account;

import static io.exchangebus.sim.engine.Side.BUY;
import static io.exchangebus.sim.engine.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.sim.engine.ContractType;
import io.exchangebus.sim.engine.Fill;
import io.exchangebus.sim.engine.Instrument;
import io.exchangebus.sim.engine.InstrumentKind;
import io.exchangebus.sim.engine.MatchingEngine;
import io.exchangebus.sim.engine.OrderRequest;
import io.exchangebus.sim.engine.QuantityUnit;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of inverse settlement (Deribit's BTC-PERPETUAL: sized in USD, contract size 10, tick 0.5, PnL in
 * BTC), options priced and paid in BTC, and linear contracts counted in contracts.
 */
class InverseAndOptionSettlementTest {

    private static final Instrument INVERSE = Instrument.inversePerpetual("BTC-PERPETUAL", "BTC", "USD", "0.5", "10");
    private static final Instrument INVERSE_NO_FEES = INVERSE.withFees("0", "0");
    private static final Instrument OPTION =
            Instrument.option("BTC-27JUN25-100000-C", "BTC", "USD", "BTC", "0.0001", "0.1");

    private final Accounts accounts = new Accounts(new Random(1));

    private MatchingEngine engine(Instrument instrument) {
        return new MatchingEngine(instrument, accounts, Clock.systemUTC(), new AtomicLong()::incrementAndGet,
                new AtomicLong()::incrementAndGet);
    }

    private void fundBtc(String... ids) {
        for (String id : ids) {
            accounts.create(id);
            accounts.deposit(id, "BTC", "1");
        }
    }

    /** {@code taker} takes {@code qty} from {@code maker} at {@code price}, taker on {@code side}. */
    private static Fill trade(MatchingEngine engine, String maker, String taker,
                              io.exchangebus.sim.engine.Side side, String price, String qty) {
        engine.place(OrderRequest.limit(maker, side.opposite(), price, qty));
        return engine.place(OrderRequest.limit(taker, side, price, qty)).fills().get(0);
    }

    @Test
    void shouldBookInversePnlInBaseWhenAUsdPositionIsClosed() {
        fundBtc("alice", "bob");
        MatchingEngine perp = engine(INVERSE_NO_FEES);

        trade(perp, "bob", "alice", BUY, "50000", "1000");
        trade(perp, "bob", "alice", SELL, "40000", "1000");

        // 1000 USD × (1/50000 − 1/40000) = 0.02 − 0.025 = −0.005 BTC for the long, +0.005 for the short.
        assertThat(accounts.balance("alice", "BTC").free()).isEqualByComparingTo("0.995");
        assertThat(accounts.balance("bob", "BTC").free()).isEqualByComparingTo("1.005");
        assertThat(accounts.position("alice", "BTC-PERPETUAL").quantity()).isZero();
        assertThat(accounts.position("alice", "BTC-PERPETUAL").realizedPnl()).isEqualByComparingTo("-0.005");
        assertThat(accounts.balance("alice", "USD").total()).isZero();
    }

    @Test
    void shouldRealiseTheClosedShareAndValueTheRestInverselyOnAPartialClose() {
        fundBtc("alice", "bob");
        MatchingEngine perp = engine(INVERSE_NO_FEES);

        trade(perp, "bob", "alice", BUY, "50000", "1000");
        trade(perp, "bob", "alice", SELL, "62500", "400");

        // Closed 400 USD: 400 × (1/50000 − 1/62500) = 0.008 − 0.0064 = 0.0016 BTC.
        Position alice = accounts.position("alice", "BTC-PERPETUAL");
        assertThat(alice.quantity()).isEqualByComparingTo("600");
        assertThat(alice.contractType()).isEqualTo(ContractType.INVERSE);
        assertThat(alice.realizedPnl()).isEqualByComparingTo("0.0016");
        assertThat(alice.costBasis()).isEqualByComparingTo("0.012");
        assertThat(alice.averageEntryPrice()).isEqualByComparingTo("50000");
        assertThat(accounts.balance("alice", "BTC").free()).isEqualByComparingTo("1.0016");
        // Still open 600 USD at 50000, marked at 40000: 0.012 − 600/40000 = −0.003 BTC.
        assertThat(alice.unrealizedPnl(new BigDecimal("40000"))).isEqualByComparingTo("-0.003");
        Position bob = accounts.position("bob", "BTC-PERPETUAL");
        assertThat(alice.unrealizedPnl(new BigDecimal("40000")).add(bob.unrealizedPnl(new BigDecimal("40000"))))
                .isZero();
    }

    @Test
    void shouldAverageInverseEntriesHarmonically() {
        fundBtc("alice", "bob");
        MatchingEngine perp = engine(INVERSE_NO_FEES);

        trade(perp, "bob", "alice", BUY, "50000", "1000");
        trade(perp, "bob", "alice", BUY, "40000", "1000");

        // Basis 0.02 + 0.025 = 0.045 BTC for 2000 USD: entry 2000 / 0.045 = 44444.44..., not the mean 45000.
        Position alice = accounts.position("alice", "BTC-PERPETUAL");
        assertThat(alice.costBasis()).isEqualByComparingTo("0.045");
        assertThat(alice.averageEntryPrice()).isEqualByComparingTo("44444.444444444444444444");
    }

    @Test
    void shouldChargeInverseFeesInBaseOnTheBaseValueAndConserveBtc() {
        fundBtc("alice", "bob");
        MatchingEngine perp = engine(INVERSE);

        Fill fill = trade(perp, "bob", "alice", BUY, "50000", "1000");

        // Value 1000 / 50000 = 0.02 BTC: taker 0.05% = 0.00001 BTC, maker 0.02% = 0.000004 BTC.
        assertThat(fill.takerFeeAsset()).isEqualTo("BTC");
        assertThat(fill.takerFee()).isEqualByComparingTo("0.00001");
        assertThat(fill.makerFee()).isEqualByComparingTo("0.000004");
        trade(perp, "bob", "alice", SELL, "40000", "1000");
        assertThat(accounts.totalHeld("BTC").add(accounts.feesCollected("BTC"))).isEqualByComparingTo("2");
    }

    @Test
    void shouldSettleInverseContractsCountedInContracts() {
        fundBtc("alice", "bob");
        MatchingEngine perp = engine(INVERSE_NO_FEES.inContracts());

        trade(perp, "bob", "alice", BUY, "50000", "100");
        trade(perp, "bob", "alice", SELL, "40000", "100");

        // 100 contracts of 10 USD: the same −0.005 BTC as 1000 USD.
        assertThat(accounts.balance("alice", "BTC").free()).isEqualByComparingTo("0.995");
        assertThat(INVERSE.contracts(new BigDecimal("1000"))).isEqualByComparingTo("100");
    }

    @Test
    void shouldRefuseQuantitiesOffTheContractSize() {
        fundBtc("alice");
        MatchingEngine perp = engine(INVERSE);

        assertThat(perp.place(OrderRequest.limit("alice", BUY, "50000", "15")).rejectReason()).isNotNull();
        assertThat(perp.place(OrderRequest.limit("alice", BUY, "50000.25", "10")).rejectReason()).isNotNull();
    }

    @Test
    void shouldPayOptionPremiumsInBaseAtEachFill() {
        fundBtc("alice", "bob");
        MatchingEngine option = engine(OPTION);

        Fill open = trade(option, "bob", "alice", BUY, "0.0450", "2");
        trade(option, "bob", "alice", SELL, "0.0500", "1");

        // Premium 2 × 0.045 = 0.09 BTC paid, 1 × 0.05 = 0.05 received; fees 0.03% of each premium.
        assertThat(open.takerFee()).isEqualByComparingTo("0.000027");
        assertThat(accounts.balance("alice", "BTC").free())
                .isEqualByComparingTo(new BigDecimal("1").subtract(new BigDecimal("0.09")).add(new BigDecimal("0.05"))
                        .subtract(new BigDecimal("0.000027")).subtract(new BigDecimal("0.000015")));
        assertThat(accounts.position("alice", OPTION.symbol()).quantity()).isEqualByComparingTo("1");
        assertThat(accounts.position("alice", OPTION.symbol()).averageEntryPrice()).isEqualByComparingTo("0.045");
        assertThat(OPTION.priceAsset()).isEqualTo("BTC");
        assertThat(accounts.totalHeld("BTC").add(accounts.feesCollected("BTC"))).isEqualByComparingTo("2");
    }

    @Test
    void shouldSettleLinearContractsTimesTheirSize() {
        accounts.create("alice");
        accounts.create("bob");
        Instrument linear = new Instrument("BTC_USDC-PERPETUAL", InstrumentKind.PERPETUAL, "BTC", "USDC", "USDC",
                ContractType.LINEAR, QuantityUnit.CONTRACTS, new BigDecimal("0.001"), BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO);
        MatchingEngine perp = engine(linear);

        trade(perp, "bob", "alice", BUY, "60000", "5");
        trade(perp, "bob", "alice", SELL, "61000", "5");

        // 5 contracts × 0.001 BTC × 1000 USDC = 5 USDC.
        assertThat(accounts.balance("alice", "USDC").free()).isEqualByComparingTo("5");
        assertThat(accounts.balance("bob", "USDC").free()).isEqualByComparingTo("-5");
    }

    @Test
    void shouldRefuseInconsistentUnits() {
        assertThatThrownBy(() -> new Instrument("X", InstrumentKind.PERPETUAL, "BTC", "USD", "USD",
                ContractType.INVERSE, QuantityUnit.QUOTE, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO)).hasMessageContaining("inverse");
        assertThatThrownBy(() -> new Instrument("X", InstrumentKind.SPOT, "BTC", "USD", "USD",
                ContractType.LINEAR, QuantityUnit.CONTRACTS, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO)).hasMessageContaining("spot");
    }
}
