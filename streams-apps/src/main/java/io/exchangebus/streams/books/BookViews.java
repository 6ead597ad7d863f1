package io.exchangebus.streams.books;

import io.exchangebus.events.BookUpdate;
import io.exchangebus.events.BookUpdateKind;
import io.exchangebus.events.PriceLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Top-N views of a {@link FullDepthBook}, as {@code state.books.v1} carries them: a SNAPSHOT {@link BookUpdate} of
 * depth N at the book's last applied sequence, without previous or first sequence, never a resync (readers of a
 * compacted state topic replace what they hold with each record anyway). The views share the book's
 * {@link PriceLevel} objects, which nobody modifies. Stateless.
 */
final class BookViews {

    private BookViews() {
    }

    /** The view of the best {@code depth} levels of each side of a book that is not stale. */
    static BookUpdate view(FullDepthBook book, int depth) {
        return view(book, top(book.bids(), depth), top(book.asks(), depth), depth);
    }

    static BookUpdate view(FullDepthBook book, List<PriceLevel> bids, List<PriceLevel> asks, int depth) {
        return new BookUpdate(book.exchange(), book.symbol(), book.instrumentId(), BookUpdateKind.SNAPSHOT, false,
                depth, book.sequence(), null, bids, asks, book.exchangeTime(), book.receiveTime(), null);
    }

    /** The best {@code depth} levels of a side, best first. */
    static List<PriceLevel> top(Collection<BookLevel> side, int depth) {
        int n = Math.min(depth, side.size());
        List<PriceLevel> out = new ArrayList<>(n);
        Iterator<BookLevel> levels = side.iterator();
        for (int i = 0; i < n; i++) {
            out.add(levels.next().level);
        }
        return out;
    }

    /** Whether the best {@code depth} levels of a side are {@code shown}, by value; walks at most depth levels. */
    static boolean sameTop(Collection<BookLevel> side, List<PriceLevel> shown, int depth) {
        int n = Math.min(depth, side.size());
        if (shown == null || shown.size() != n) {
            return false;
        }
        Iterator<BookLevel> levels = side.iterator();
        for (int i = 0; i < n; i++) {
            if (!sameLevel(levels.next().level, shown.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Same price and quantity by value ({@code compareTo}: scales differ after a round trip); nulls are equal. */
    static boolean sameLevel(PriceLevel a, PriceLevel b) {
        if (a == b) {
            return true;
        }
        return a != null && b != null && a.getPrice().compareTo(b.getPrice()) == 0
                && a.getQuantity().compareTo(b.getQuantity()) == 0;
    }
}
