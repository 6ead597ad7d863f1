package io.exchangebus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The streams-apps query API's answers for people: a book as two columns (bids | asks, best first, on one line per
 * level), positions and balances as tables. Pure functions of the JSON the API answers ({@code QueryApi}: records
 * rendered by {@code AvroJson}, decimals as exact strings at scale 18, printed here without the trailing zeros).
 */
final class QueryFormats {
    private QueryFormats() {
    }

    /** {@code GET /books/{exchange}/{symbol}}: {@code {"key", "stale", "book": BookUpdate | null}}. */
    static String book(JsonNode answer) {
        String key = answer.path("key").asText();
        JsonNode book = answer.path("book");
        if (answer.path("stale").asBoolean(false) || book.isMissingNode() || book.isNull()) {
            return key + " is stale: a sequence gap was seen, so no levels are shown until the next snapshot\n";
        }
        StringBuilder out = new StringBuilder(key);
        word(out, "instrument", book.path("instrumentId"));
        word(out, "sequence", book.path("sequence"));
        JsonNode time = book.path("exchangeTime").isTextual() ? book.path("exchangeTime") : book.path("receiveTime");
        word(out, "time", time);
        out.append('\n');
        JsonNode bids = book.path("bids");
        JsonNode asks = book.path("asks");
        if (bids.size() == 0 && asks.size() == 0) {
            return out.append("(empty book)\n").toString();
        }
        TextTable table = new TextTable()
                .column("bid quantity", TextTable.Align.DECIMAL)
                .column("bid", TextTable.Align.DECIMAL)
                .column("ask", TextTable.Align.DECIMAL, " | ")
                .column("ask quantity", TextTable.Align.DECIMAL);
        for (int i = 0; i < Math.max(bids.size(), asks.size()); i++) {
            JsonNode bid = bids.path(i);
            JsonNode ask = asks.path(i);
            table.row(decimal(bid.path("quantity")), decimal(bid.path("price")), decimal(ask.path("price")),
                    decimal(ask.path("quantity")));
        }
        return out.append(table.render()).toString();
    }

    /**
     * {@code GET /positions/{exchange}/{account}}: {@code {"exchange", "account", "positions": [PositionState],
     * "balances": [BalanceUpdate]}}.
     */
    static String positions(JsonNode answer) {
        StringBuilder out = new StringBuilder();
        out.append(answer.path("exchange").asText()).append(':').append(answer.path("account").asText()).append('\n');
        JsonNode positions = answer.path("positions");
        out.append("\npositions\n");
        if (positions.size() == 0) {
            out.append("(none)\n");
        } else {
            boolean subAccounts = anySubAccount(positions);
            TextTable table = new TextTable();
            if (subAccounts) {
                table.column("sub-account", TextTable.Align.LEFT);
            }
            table.column("instrument", TextTable.Align.LEFT)
                    .column("symbol", TextTable.Align.LEFT)
                    .column("quantity", TextTable.Align.DECIMAL)
                    .column("entry price", TextTable.Align.DECIMAL)
                    .column("realized pnl", TextTable.Align.DECIMAL)
                    .column("fees", TextTable.Align.LEFT)
                    .column("fills", TextTable.Align.DECIMAL)
                    .column("exchange says", TextTable.Align.DECIMAL)
                    .column("reconciliation", TextTable.Align.LEFT);
            for (JsonNode p : positions) {
                table.row(withSubAccount(subAccounts, p, p.path("instrumentId").asText(), p.path("symbol").asText(),
                        decimal(p.path("quantity")), decimal(p.path("averageEntryPrice")),
                        decimal(p.path("realizedPnl")), fees(p.path("fees")), p.path("fillCount").asText(),
                        decimal(p.path("reportedQuantity")), p.path("reconciliation").asText()));
            }
            out.append(table.render());
        }
        JsonNode balances = answer.path("balances");
        out.append("\nbalances\n");
        if (balances.size() == 0) {
            out.append("(none)\n");
        } else {
            boolean subAccounts = anySubAccount(balances);
            TextTable table = new TextTable();
            if (subAccounts) {
                table.column("sub-account", TextTable.Align.LEFT);
            }
            table.column("asset", TextTable.Align.LEFT)
                    .column("free", TextTable.Align.DECIMAL)
                    .column("locked", TextTable.Align.DECIMAL)
                    .column("total", TextTable.Align.DECIMAL)
                    .column("source", TextTable.Align.LEFT);
            for (JsonNode b : balances) {
                table.row(withSubAccount(subAccounts, b, b.path("asset").asText(), decimal(b.path("free")),
                        decimal(b.path("locked")), decimal(b.path("total")), b.path("source").asText()));
            }
            out.append(table.render());
        }
        return out.toString();
    }

    /** Whether a row is of an exchange's sub-account (GRVT's): then the tables show a sub-account column. */
    private static boolean anySubAccount(JsonNode rows) {
        for (JsonNode row : rows) {
            if (!row.path("subAccount").isNull() && !row.path("subAccount").isMissingNode()) {
                return true;
            }
        }
        return false;
    }

    /** {@code cells}, after the row's sub-account (blank for the account itself) when the table shows one. */
    private static String[] withSubAccount(boolean subAccounts, JsonNode row, String... cells) {
        if (!subAccounts) {
            return cells;
        }
        String[] out = new String[cells.length + 1];
        JsonNode sub = row.path("subAccount");
        out[0] = sub.isNull() || sub.isMissingNode() ? "" : sub.asText();
        System.arraycopy(cells, 0, out, 1, cells.length);
        return out;
    }

    /** {@code 0.012 USDT, 0.00001 BTC}, or blank for none. */
    private static String fees(JsonNode fees) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fee : fees.properties()) {
            parts.add(decimal(fee.getValue()) + " " + fee.getKey());
        }
        return String.join(", ", parts);
    }

    /** An exact decimal string without trailing zeros; null for an absent or null field. */
    private static String decimal(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return OrderPrinter.decimal(new BigDecimal(node.asText()));
    }

    private static void word(StringBuilder out, String name, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            out.append("  ").append(name).append(' ').append(value.asText());
        }
    }
}
