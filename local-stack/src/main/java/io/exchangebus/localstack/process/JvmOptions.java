package io.exchangebus.localstack.process;

import java.util.Arrays;
import java.util.List;

/** Tuning options (heap, JIT, GC) of a child JVM, overridable by a system property. */
public final class JvmOptions {

    /**
     * Quick start over peak speed: on two cores, C1 alone and the serial collector halve a child's time to ready
     * (registry about 4.3 s to 2.2 s, broker about 3.3 s to 2 s), and neither server does heavy work in tests or
     * the demo. A benchmark that measures the broker sets the property to, e.g., {@code -Xmx2g}.
     */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private JvmOptions() {
    }

    /**
     * The options in system property {@code property} (split on whitespace), if it is set; else {@code defaults}.
     */
    public static List<String> fromProperty(String property, List<String> defaults) {
        String value = System.getProperty(property);
        if (value == null) {
            return defaults;
        }
        return Arrays.stream(value.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }
}
