package io.exchangebus.streams.dashboard;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain HTTP/1.1 client of one event stream on a socket of its own, so that a test decides exactly when the
 * connection goes away. Reads the chunked body and splits it into events; comments (heartbeats) are kept as events
 * named {@code ":"}. Every read gives up after 10 seconds.
 */
final class SseConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    SseConnection(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new BufferedInputStream(socket.getInputStream());
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The next event, reading as many chunks as it takes. */
    Event next() throws IOException {
        while (true) {
            byte[] bytes = pending.toByteArray();
            int end = indexOfBlankLine(bytes);
            if (end >= 0) {
                pending.reset();
                pending.write(bytes, end + 2, bytes.length - end - 2);
                return Event.parse(new String(bytes, 0, end, StandardCharsets.UTF_8));
            }
            int size = Integer.parseInt(line().trim(), 16);
            if (size == 0) {
                throw new EOFException("the server ended the stream");
            }
            pending.write(in.readNBytes(size));
            line();
        }
    }

    private static int indexOfBlankLine(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String line() throws IOException {
        StringBuilder out = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed after '" + out + "'");
            }
            if (b != '\r') {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One event: its name ({@code ":"} for a comment) and its data lines joined with LF. */
    record Event(String name, String data) {
        static Event parse(String block) {
            if (block.startsWith(":")) {
                return new Event(":", block.substring(1).trim());
            }
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(6));
                }
            }
            return new Event(name, data.toString());
        }
    }
}
