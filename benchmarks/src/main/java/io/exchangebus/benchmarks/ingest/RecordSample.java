package io.exchangebus.benchmarks.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Records as serialized on a topic, key and value bytes, written by the harness and read by the raw producer. */
record RecordSample(List<byte[]> keys, List<byte[]> values) {

    RecordSample {
        if (keys.size() != values.size() || keys.isEmpty()) {
            throw new IllegalArgumentException("a sample needs as many keys as values, at least one");
        }
    }

    int size() {
        return keys.size();
    }

    /** The values' average size in bytes. */
    double averageValueBytes() {
        return values.stream().mapToLong(v -> v.length).average().orElse(0);
    }

    /** The keys' average size in bytes. */
    double averageKeyBytes() {
        return keys.stream().mapToLong(k -> k.length).average().orElse(0);
    }

    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(size());
            for (int i = 0; i < size(); i++) {
                out.writeInt(keys.get(i).length);
                out.write(keys.get(i));
                out.writeInt(values.get(i).length);
                out.write(values.get(i));
            }
        }
    }

    static RecordSample read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<byte[]> keys = new ArrayList<>(n);
            List<byte[]> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(in.readNBytes(in.readInt()));
                values.add(in.readNBytes(in.readInt()));
            }
            return new RecordSample(keys, values);
        }
    }
}
