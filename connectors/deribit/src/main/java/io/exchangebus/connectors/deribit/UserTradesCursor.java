package io.exchangebus.connectors.deribit;

import io.exchangebus.connectors.deribit.mapping.UserTradeMapping.UserFill;
import java.util.List;

/** Where the next user-trades page starts: a millisecond, and the trade ids of that millisecond already given. */
record UserTradesCursor(long millis, List<String> seenIds) {
    static UserTradesCursor parse(String text) {
        if (text == null) {
            return null;
        }
        int bar = text.indexOf('|');
        try {
            long millis = Long.parseLong(bar < 0 ? text : text.substring(0, bar));
            List<String> ids = bar < 0 || bar == text.length() - 1 ? List.of()
                    : List.of(text.substring(bar + 1).split(","));
            return new UserTradesCursor(millis, ids);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor '" + text + "' is not one this fetcher gave");
        }
    }

    static UserTradesCursor after(List<UserFill> page) {
        long last = page.get(page.size() - 1).fill().getExchangeTime().toEpochMilli();
        List<String> ids = page.stream().filter(f -> f.fill().getExchangeTime().toEpochMilli() == last)
                .map(f -> f.fill().getTradeId()).toList();
        return new UserTradesCursor(last, ids);
    }

    boolean seen(UserFill f) {
        return f.fill().getExchangeTime().toEpochMilli() == millis && seenIds.contains(f.fill().getTradeId());
    }

    String text() {
        return millis + "|" + String.join(",", seenIds);
    }
}
