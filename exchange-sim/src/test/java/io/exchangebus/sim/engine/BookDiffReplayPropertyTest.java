package io.exchangebus.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever commands arrive, replaying the engine's diffs from an empty book gives the engine's own book. */
class BookDiffReplayPropertyTest {

    /** A command in a tiny language: kind 0..5 picks place-limit, post-only, IOC, FOK, market, cancel/amend. */
    record Cmd(int kind, boolean buy, int priceTicks, int lots, int target) {
    }

    @Provide
    Arbitrary<List<Cmd>> commands() {
        Arbitrary<Cmd> cmd = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.of(true, false),
                        Arbitraries.integers().between(990, 1010), Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 50))
                .as(Cmd::new);
        return cmd.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
    void shouldReproduceEngineBookByReplayingDiffsFromEmpty(@ForAll("commands") List<Cmd> cmds) {
        MatchingEngine engine = new MatchingEngine(Instrument.spot("X", "B", "Q", "0.1", "1"));
        List<EngineEvent.BookDiff> diffs = new ArrayList<>();
        engine.addListener(e -> {
            if (e instanceof EngineEvent.BookDiff diff) {
                diffs.add(diff);
            }
        });
        List<Long> ids = new ArrayList<>();
        for (Cmd c : cmds) {
            apply(engine, c, ids);
        }

        BookSnapshot replayed = BookSnapshot.empty("X");
        long previous = 0;
        for (EngineEvent.BookDiff diff : diffs) {
            assertThat(diff.previousUpdateId()).isEqualTo(previous);
            assertThat(diff.firstUpdateId()).isEqualTo(previous + 1);
            assertThat(diff.lastUpdateId()).isGreaterThanOrEqualTo(diff.firstUpdateId());
            previous = diff.lastUpdateId();
            replayed = replayed.apply(diff);
        }
        BookSnapshot book = engine.book();
        assertThat(replayed).isEqualTo(book);
        assertThat(book.lastUpdateId()).isEqualTo(previous);
        if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
            assertThat(book.bids().get(0).price()).isLessThan(book.asks().get(0).price());
        }
    }

    private static void apply(MatchingEngine engine, Cmd c, List<Long> ids) {
        Side side = c.buy() ? Side.BUY : Side.SELL;
        String price = BigDecimal.valueOf(c.priceTicks(), 1).toPlainString();
        String qty = Integer.toString(c.lots());
        String account = "acc" + (c.target() % 3);
        CommandResult result = switch (c.kind()) {
            case 0, 1 -> engine.place(OrderRequest.limit(account, side, price, qty));
            case 2 -> engine.place(OrderRequest.postOnly(account, side, price, qty));
            case 3 -> engine.place(OrderRequest.limit(account, side, TimeInForce.IOC, price, qty));
            case 4 -> engine.place(OrderRequest.limit(account, side, TimeInForce.FOK, price, qty));
            case 5 -> engine.place(OrderRequest.market(account, side, qty));
            case 6 -> ids.isEmpty() ? null : cancel(engine, ids.get(c.target() % ids.size()));
            default -> ids.isEmpty() ? null : amend(engine, ids.get(c.target() % ids.size()), c, price);
        };
        if (result != null && result.order() != null) {
            ids.add(result.order().orderId());
        }
    }

    private static CommandResult cancel(MatchingEngine engine, long id) {
        return engine.order(id).map(o -> engine.cancel(o.account(), id)).orElse(null);
    }

    private static CommandResult amend(MatchingEngine engine, long id, Cmd c, String price) {
        return engine.order(id).map(o -> c.buy()
                ? engine.amend(o.account(), id, new BigDecimal(price), null)
                : engine.amend(o.account(), id, null, o.filledQuantity().add(BigDecimal.valueOf(c.lots()))))
                .orElse(null);
    }
}
