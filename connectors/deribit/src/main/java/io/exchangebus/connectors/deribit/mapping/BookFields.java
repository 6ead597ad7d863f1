package io.exchangebus.connectors.deribit.mapping;

import static io.exchangebus.connectors.deribit.mapping.MarketFrameReader.required;

/**
 * The fields of a book notification's {@code data} as read (by {@link MarketFrameReader}'s token walk or by
 * {@link CompactFrameReader}), and the rules that make them a {@link MarketFrameReader.BookFrame}, kept in one place
 * for both readers: the type decides snapshot or change; a change needs {@code prev_change_id}; a snapshot holds only
 * {@code new} levels; the grouped book is a snapshot without type or previous id; every other field is required.
 */
final class BookFields {
    String type;
    String instrument;
    Long changeId;
    Long previous;
    Long timestamp;
    LevelReader.Levels bids;
    LevelReader.Levels asks;

    /**
     * The frame these fields make on {@code channel}.
     *
     * @throws UnmappableMessageException naming the field that breaks a rule
     */
    MarketFrameReader.BookFrame frame(DeribitChannel channel) {
        if (channel.type() == DeribitChannel.Type.GROUPED_BOOK) {
            return frame(channel, true, null);
        }
        boolean snapshot = switch (required(type, "type")) {
            case "snapshot" -> true;
            case "change" -> false;
            default -> throw new UnmappableMessageException("type: unknown book message type '" + type + "'");
        };
        if (!snapshot && previous == null) {
            throw new UnmappableMessageException("prev_change_id is missing on a change");
        }
        if (snapshot) {
            LevelReader.onlyNew(bids);
            LevelReader.onlyNew(asks);
        }
        return frame(channel, snapshot, previous);
    }

    private MarketFrameReader.BookFrame frame(DeribitChannel channel, boolean snapshot, Long previousId) {
        if (bids == null) {
            throw new UnmappableMessageException("bids is not an array: null");
        }
        if (asks == null) {
            throw new UnmappableMessageException("asks is not an array: null");
        }
        return new MarketFrameReader.BookFrame(channel, required(instrument, "instrument_name"), snapshot,
                required(changeId, "change_id"), previousId, required(timestamp, "timestamp"),
                bids.levels(), asks.levels());
    }
}
