package io.exchangebus.benchmarks.oms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service's timers and summaries counted between two scrapes of its Prometheus {@code /metrics}: for each
 * series with a {@code _count} and a {@code _sum}, how many events fell in the window and their mean. A run's
 * totals mix its warm-up (cold JIT, connections opening) into every mean; the window leaves it out.
 */
record MetricsWindow(Map<String, double[]> before, Map<String, double[]> after) {

    /** One series over the window: its name with labels, the events counted, the mean value of one. */
    record Series(String name, long count, double mean) {
    }

    /** A scrape's {@code _count} and {@code _sum} series, by name with labels, as {count, sum}. */
    static Map<String, double[]> parse(String exposition, String prefix) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = line.substring(0, space);
            int brace = name.indexOf('{');
            String metric = brace < 0 ? name : name.substring(0, brace);
            String labels = brace < 0 ? "" : name.substring(brace);
            int slot;
            if (metric.endsWith("_count")) {
                slot = 0;
            } else if (metric.endsWith("_sum")) {
                slot = 1;
            } else {
                continue;
            }
            String base = metric.substring(0, metric.lastIndexOf('_')) + labels;
            series.computeIfAbsent(base, k -> new double[2])[slot] = Double.parseDouble(line.substring(space + 1));
        }
        return series;
    }

    /** The series that counted anything in the window, in the order of the later scrape. */
    List<Series> series() {
        List<Series> out = new ArrayList<>();
        after.forEach((name, now) -> {
            double[] then = before.getOrDefault(name, new double[2]);
            long count = Math.round(now[0] - then[0]);
            if (count > 0) {
                out.add(new Series(name, count, (now[1] - then[1]) / count));
            }
        });
        return out;
    }
}
