package io.exchangebus.streams.dashboard;

import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream wire format (HTML Living Standard, "Server-sent events"): an event is {@code event: name},
 * one {@code data:} line per line of its data, and a blank line; a line starting with {@code :} is a comment, which
 * browsers ignore and which keeps the connection seen as alive.
 */
public final class ServerSentEvents {
    /** The response's content type. */
    public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private ServerSentEvents() {
    }

    /**
     * One event named {@code name} carrying {@code data}, in UTF-8. A line break in the data (CR, LF or CRLF) starts
     * another {@code data:} line, which the browser joins back with LF.
     *
     * @throws IllegalArgumentException if the name is empty or holds a line break
     */
    public static byte[] event(String name, String data) {
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event name is one non-empty line, was '" + name + "'");
        }
        StringBuilder out = new StringBuilder(data.length() + name.length() + 16);
        out.append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A comment, ignored by the browser: a heartbeat. Line breaks in {@code text} become spaces. */
    public static byte[] comment(String text) {
        return (": " + text.replace('\r', ' ').replace('\n', ' ') + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
