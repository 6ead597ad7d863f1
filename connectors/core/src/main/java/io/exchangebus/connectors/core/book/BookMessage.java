package io.exchangebus.connectors.core.book;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a book stream that sends its own snapshot carries, read from one message: the snapshot, or a diff. A
 * connector that reads its frames straight into these hands them to {@link ResubscribingBookFeed#onMessage} with no
 * event made in between; the book's own events are what gets published.
 */
public sealed interface BookMessage permits BookSnapshot, BookDiff {

    /**
     * The message a stream's frame mapped to an event says: a SNAPSHOT at its sequence, or a diff of one id linked
     * to its previous sequence (which a DELTA must have). For a frame read as an event anyway (GRVT's tree path).
     */
    static BookMessage of(BookUpdate update) {
        if (update.getKind() == BookUpdateKind.SNAPSHOT) {
            return new BookSnapshot(update.getSequence(), levels(update.getBids()), levels(update.getAsks()),
                    update.getExchangeTime());
        }
        return new BookDiff(update.getSequence(), update.getSequence(), update.getPreviousSequence(),
                levels(update.getBids()), levels(update.getAsks()), update.getExchangeTime());
    }

    private static List<Level> levels(List<PriceLevel> levels) {
        List<Level> out = new ArrayList<>(levels.size());
        for (PriceLevel l : levels) {
            out.add(new Level(l.getPrice(), l.getQuantity()));
        }
        return out;
    }
}
