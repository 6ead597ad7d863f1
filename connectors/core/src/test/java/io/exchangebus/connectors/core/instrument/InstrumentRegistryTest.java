package io.exchangebus.connectors.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exchangebus.events.Instrument;
import io.exchangebus.events.InstrumentKind;
import io.exchangebus.events.OptionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentRegistryTest {
    private static final TradingRules RULES = new TradingRules(new BigDecimal("0.5"), new BigDecimal("0.1"),
            new BigDecimal("0.1"), null, null, BigDecimal.ONE);

    @Test
    void shouldFindInstrumentsBySymbolAndByIdBothWays() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        InstrumentDefinition perp = definition("BTC-PERPETUAL", InstrumentId.perpetual("BTC", "USD"));
        InstrumentDefinition option = definition("BTC-25DEC26-100000-C",
                InstrumentId.option("BTC", "USD", LocalDate.of(2026, 12, 25), new BigDecimal("100000"), OptionType.CALL));

        registry.replaceAll(List.of(perp, option));

        assertThat(registry.bySymbol("BTC-PERPETUAL")).contains(perp);
        assertThat(registry.byId(InstrumentId.parse("BTC-USD-20261225-100000-C")).map(InstrumentDefinition::symbol))
                .contains("BTC-25DEC26-100000-C");
        assertThat(registry.bySymbol("ETH-PERPETUAL")).isEmpty();
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void shouldReplaceTheWholeListAtOnce() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        registry.replaceAll(List.of(definition("BTC-PERPETUAL", InstrumentId.perpetual("BTC", "USD"))));

        registry.replaceAll(List.of(definition("ETH-PERPETUAL", InstrumentId.perpetual("ETH", "USD"))));

        assertThat(registry.bySymbol("BTC-PERPETUAL")).isEmpty();
        assertThat(registry.bySymbol("ETH-PERPETUAL")).isPresent();
    }

    @Test
    void shouldRefuseDuplicatesAndOtherExchangesInstruments() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        InstrumentDefinition perp = definition("BTC-PERPETUAL", InstrumentId.perpetual("BTC", "USD"));

        assertThatThrownBy(() -> registry.replaceAll(List.of(perp,
                definition("BTC-PERP-OTHER", InstrumentId.perpetual("BTC", "USD")))))
                .hasMessageContaining("listed twice").hasMessageContaining("BTC-USD-PERP");
        assertThatThrownBy(() -> registry.replaceAll(List.of(new InstrumentDefinition("grvt", "BTC_USDT_Perp",
                InstrumentId.perpetual("BTC", "USDT"), "USDT", null, RULES, true))))
                .hasMessageContaining("belongs to grvt");
        assertThat(registry.size()).as("unchanged after a refused list").isZero();
    }

    @Test
    void shouldMapToTheModelsInstrumentEventWithTheExactExpiry() {
        InstrumentDefinition future = new InstrumentDefinition("deribit", "BTC-25DEC26",
                InstrumentId.future("BTC", "USD", LocalDate.of(2026, 12, 25)), "BTC",
                Instant.parse("2026-12-25T08:00:00Z"), RULES, true);

        Instrument event = future.toEvent();

        assertThat(event.getKind()).isEqualTo(InstrumentKind.FUTURE);
        assertThat(event.getInstrumentId()).isEqualTo("BTC-USD-20261225");
        assertThat(event.getExpiry()).isEqualTo(Instant.parse("2026-12-25T08:00:00Z"));
        assertThat(event.getTickSize()).isEqualByComparingTo("0.5");
        assertThat(event.getTickSize().scale()).isEqualTo(18);
        assertThat(event.getSettle()).isEqualTo("BTC");
        assertThatThrownBy(() -> new InstrumentDefinition("deribit", "BTC-25DEC26",
                InstrumentId.future("BTC", "USD", LocalDate.of(2026, 12, 25)), "BTC",
                Instant.parse("2026-12-26T08:00:00Z"), RULES, true)).hasMessageContaining("not on the id's date");
    }

    @Test
    void shouldSkipABadInstrumentOnRefreshAndKeepTheRest() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        InstrumentDefinition perp = definition("BTC-PERPETUAL", InstrumentId.perpetual("BTC", "USD"));
        InstrumentDefinition eth = definition("ETH-PERPETUAL", InstrumentId.perpetual("ETH", "USD"));

        InstrumentRegistry.Refresh refresh = registry.refresh(List.of(perp,
                new InstrumentDefinition("grvt", "BTC_USDT_Perp", InstrumentId.perpetual("BTC", "USDT"), "USDT", null,
                        RULES, true),
                definition("BTC-PERP-OTHER", InstrumentId.perpetual("BTC", "USD")),
                definition("BTC-PERPETUAL", InstrumentId.perpetual("SOL", "USD")), eth));

        assertThat(refresh.listed()).isEqualTo(2);
        assertThat(refresh.kept()).isFalse();
        assertThat(refresh.skipped()).extracting(SkippedInstrument::symbol)
                .containsExactly("BTC_USDT_Perp", "BTC-PERP-OTHER", "BTC-PERPETUAL");
        assertThat(refresh.skipped()).extracting(SkippedInstrument::reason).satisfiesExactly(
                r -> assertThat(r).contains("belongs to grvt"),
                r -> assertThat(r).contains("BTC-USD-PERP").contains("already taken by BTC-PERPETUAL"),
                r -> assertThat(r).contains("symbol listed twice"));
        assertThat(registry.bySymbol("BTC-PERPETUAL")).contains(perp);
        assertThat(registry.bySymbol("ETH-PERPETUAL")).contains(eth);
    }

    @Test
    void shouldRememberInstrumentsNoLongerListedUntilListedAgain() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        InstrumentDefinition perp = definition("BTC-PERPETUAL", InstrumentId.perpetual("BTC", "USD"));
        InstrumentId expiredId = InstrumentId.option("BTC", "USD", LocalDate.of(2026, 12, 25),
                new BigDecimal("100000"), OptionType.CALL);
        InstrumentDefinition expired = definition("BTC-25DEC26-100000-C", expiredId);
        registry.replaceAll(List.of(perp, expired));

        InstrumentRegistry.Refresh refresh = registry.refresh(List.of(perp));

        assertThat(refresh.delisted()).containsExactly(expired);
        assertThat(registry.byId(expiredId)).isEmpty();
        assertThat(registry.bySymbol("BTC-25DEC26-100000-C")).isEmpty();
        assertThat(registry.delistedById(expiredId)).contains(expired);
        assertThat(registry.delistedBySymbol("BTC-25DEC26-100000-C")).contains(expired);
        assertThat(registry.notListedReason(expiredId)).isEqualTo("instrument BTC-USD-20261225-100000-C "
                + "(BTC-25DEC26-100000-C) is no longer listed on deribit: it left the exchange's instrument list "
                + "(expired or delisted)");
        assertThat(registry.notListedReason(InstrumentId.perpetual("ETH", "USD")))
                .isEqualTo("instrument ETH-USD-PERP is not listed on deribit");

        registry.refresh(List.of(perp, expired));

        assertThat(registry.byId(expiredId)).contains(expired);
        assertThat(registry.delistedById(expiredId)).isEmpty();
    }

    @Test
    void shouldKeepTheOldListWhenARefreshHasNothingUsable() {
        InstrumentRegistry registry = new InstrumentRegistry("deribit");
        InstrumentDefinition perp = definition("BTC-PERPETUAL", InstrumentId.perpetual("BTC", "USD"));
        registry.replaceAll(List.of(perp));

        InstrumentRegistry.Refresh refresh = registry.refresh(List.of(new InstrumentDefinition("grvt",
                "BTC_USDT_Perp", InstrumentId.perpetual("BTC", "USDT"), "USDT", null, RULES, true)));

        assertThat(refresh.kept()).isTrue();
        assertThat(refresh.skipped()).hasSize(1);
        assertThat(refresh.delisted()).isEmpty();
        assertThat(registry.bySymbol("BTC-PERPETUAL")).contains(perp);
    }

    private static InstrumentDefinition definition(String symbol, InstrumentId id) {
        return new InstrumentDefinition("deribit", symbol, id, "BTC", null, RULES, true);
    }
}
