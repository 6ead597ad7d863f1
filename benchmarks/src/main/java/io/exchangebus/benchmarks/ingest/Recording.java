package io.exchangebus.benchmarks.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames of an exchange's market-data stream as they went over the wire, in order, each with its book's symbol and
 * update-id range, together with the REST answers a subscriber asks for at start ({@code exchangeInfo}, the time)
 * and the depth snapshots of every book taken at frame boundaries (the first before the first frame of its book).
 *
 * <p>Frames are kept as UTF-8 bytes in one array, so that a replay sends them without building strings. Written once
 * by {@link FrameRecorder}, read by the replay server in its own process; immutable after building.
 */
final class Recording {
    private static final int VERSION = 1;

    private final List<String> symbols;
    private final Map<String, byte[]> restAnswers;
    private final List<Snapshot> snapshots;
    private final byte[] data;
    private final int[] offsets;
    private final int[] symbolOf;
    private final long[] firstIds;
    private final long[] lastIds;

    /** A depth snapshot (the REST answer's body) of book {@code symbol} at {@code lastUpdateId}. */
    record Snapshot(int symbol, long lastUpdateId, byte[] body) {
    }

    private Recording(List<String> symbols, Map<String, byte[]> restAnswers, List<Snapshot> snapshots, byte[] data,
                      int[] offsets, int[] symbolOf, long[] firstIds, long[] lastIds) {
        this.symbols = symbols;
        this.restAnswers = restAnswers;
        this.snapshots = snapshots;
        this.data = data;
        this.offsets = offsets;
        this.symbolOf = symbolOf;
        this.firstIds = firstIds;
        this.lastIds = lastIds;
    }

    List<String> symbols() {
        return symbols;
    }

    /** The recorded REST answers by path ({@code /api/v3/exchangeInfo}). */
    Map<String, byte[]> restAnswers() {
        return restAnswers;
    }

    /** Every snapshot, each book's in update-id order. */
    List<Snapshot> snapshots() {
        return snapshots;
    }

    int frames() {
        return symbolOf.length;
    }

    /** The index in {@link #symbols()} of frame {@code i}'s book. */
    int symbolOf(int i) {
        return symbolOf[i];
    }

    long firstId(int i) {
        return firstIds[i];
    }

    long lastId(int i) {
        return lastIds[i];
    }

    /** The array holding frame {@code i}'s bytes from {@link #offset(int)} for {@link #length(int)}. */
    byte[] data() {
        return data;
    }

    int offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** The frames' bytes, all together. */
    long frameBytes() {
        return offsets[offsets.length - 1];
    }

    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            out.writeInt(VERSION);
            out.writeInt(symbols.size());
            for (String symbol : symbols) {
                out.writeUTF(symbol);
            }
            out.writeInt(restAnswers.size());
            for (Map.Entry<String, byte[]> answer : restAnswers.entrySet()) {
                out.writeUTF(answer.getKey());
                writeBytes(out, answer.getValue());
            }
            out.writeInt(snapshots.size());
            for (Snapshot snapshot : snapshots) {
                out.writeInt(snapshot.symbol());
                out.writeLong(snapshot.lastUpdateId());
                writeBytes(out, snapshot.body());
            }
            out.writeInt(frames());
            for (int i = 0; i < frames(); i++) {
                out.writeInt(symbolOf[i]);
                out.writeLong(firstIds[i]);
                out.writeLong(lastIds[i]);
                out.writeInt(length(i));
                out.write(data, offsets[i], length(i));
            }
        }
    }

    static Recording read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": recording version " + version + ", expected " + VERSION);
            }
            Builder builder = new Builder((int) Math.min(Integer.MAX_VALUE - 8, Files.size(file)));
            int symbols = in.readInt();
            for (int i = 0; i < symbols; i++) {
                builder.symbol(in.readUTF());
            }
            int answers = in.readInt();
            for (int i = 0; i < answers; i++) {
                builder.restAnswer(in.readUTF(), readBytes(in));
            }
            int snapshots = in.readInt();
            for (int i = 0; i < snapshots; i++) {
                int symbol = in.readInt();
                long lastUpdateId = in.readLong();
                builder.snapshot(symbol, lastUpdateId, readBytes(in));
            }
            int frames = in.readInt();
            for (int i = 0; i < frames; i++) {
                int symbol = in.readInt();
                long first = in.readLong();
                long last = in.readLong();
                builder.frame(symbol, first, last, readBytes(in, in.readInt()));
            }
            return builder.build();
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return readBytes(in, in.readInt());
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Collects a recording; frames in the order they were sent. Not thread-safe. */
    static final class Builder {
        private final List<String> symbols = new ArrayList<>();
        private final Map<String, byte[]> restAnswers = new LinkedHashMap<>();
        private final List<Snapshot> snapshots = new ArrayList<>();
        private byte[] data;
        private int size;
        private int frames;
        private int[] offsets = new int[1 << 12];
        private int[] symbolOf = new int[1 << 12];
        private long[] firstIds = new long[1 << 12];
        private long[] lastIds = new long[1 << 12];

        Builder() {
            this(1 << 20);
        }

        /**
         * @param dataCapacity the frames' bytes expected (a recording's file size when reading one): the array is
         *                     not grown, and not copied when built, for a recording of that size
         */
        Builder(int dataCapacity) {
            data = new byte[dataCapacity];
        }

        /** Adds a book; returns its index. */
        int symbol(String symbol) {
            symbols.add(symbol);
            return symbols.size() - 1;
        }

        Builder restAnswer(String path, byte[] body) {
            restAnswers.put(path, body);
            return this;
        }

        Builder snapshot(int symbol, long lastUpdateId, byte[] body) {
            snapshots.add(new Snapshot(symbol, lastUpdateId, body));
            return this;
        }

        Builder frame(int symbol, long firstId, long lastId, byte[] bytes) {
            if (frames + 1 >= offsets.length) {
                int capacity = offsets.length * 2;
                offsets = Arrays.copyOf(offsets, capacity);
                symbolOf = Arrays.copyOf(symbolOf, capacity);
                firstIds = Arrays.copyOf(firstIds, capacity);
                lastIds = Arrays.copyOf(lastIds, capacity);
            }
            if ((long) size + bytes.length > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a recording holds at most 2 GB of frames");
            }
            if (size + bytes.length > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) data.length * 2, (long) size + bytes.length)));
            }
            System.arraycopy(bytes, 0, data, size, bytes.length);
            offsets[frames] = size;
            symbolOf[frames] = symbol;
            firstIds[frames] = firstId;
            lastIds[frames] = lastId;
            size += bytes.length;
            frames++;
            return this;
        }

        int frames() {
            return frames;
        }

        /**
         * The recording. The frames' array is kept as it is when at most an eighth of it is unused (a recording read
         * from its file): a copy would hold two of them at once, a gigabyte each for a million Deribit frames.
         */
        Recording build() {
            int[] bounds = Arrays.copyOf(offsets, frames + 1);
            bounds[frames] = size;
            byte[] frameBytes = data.length - size <= size / 8 ? data : Arrays.copyOf(data, size);
            return new Recording(List.copyOf(symbols), Map.copyOf(restAnswers), List.copyOf(snapshots),
                    frameBytes, bounds, Arrays.copyOf(symbolOf, frames),
                    Arrays.copyOf(firstIds, frames), Arrays.copyOf(lastIds, frames));
        }
    }
}
