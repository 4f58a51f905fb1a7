package org.dogpile.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-member hit-path plot: the median hit of each system, read on the member that owns the
 * keys and on another member, log scale. {@link BenchMain} draws it after the JMH run; {@link #main}
 * draws it again from {@code results/hit-path.csv}.
 */
public final class HitPathPlot {
    private static final List<String> BENCHMARKS = List.of("dogpileHit", "dogpileHitWithoutLocalTier",
        "imapGetDogpileEntry", "imapGetString", "springHit", "plainCall");
    private static final List<String> MEMBERS = List.of("owner", "nonOwner");

    private HitPathPlot() {
    }

    /**
     * Draws the plot from a {@code hit-path.csv}.
     *
     * @param args the CSV file and the PNG to write
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, double[]> scores = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            double[] values = new double[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                values[i - 1] = Double.parseDouble(fields[i]);
            }
            scores.put(fields[0], values);
        }
        draw(scores, Path.of(args[1]));
    }

    /**
     * @param scores per {@code benchmark/member}: mean, error, p50, p90, p99 in ns
     * @param out the PNG to write
     * @throws IOException when it cannot be written
     */
    static void draw(Map<String, double[]> scores, Path out) throws IOException {
        double[][] values = new double[BENCHMARKS.size()][MEMBERS.size()];
        for (int b = 0; b < BENCHMARKS.size(); b++) {
            for (int m = 0; m < MEMBERS.size(); m++) {
                double[] score = scores.get(BENCHMARKS.get(b) + "/" + MEMBERS.get(m));
                values[b][m] = score == null ? 0 : score[2];
            }
        }
        Plots.groupedBars(out, "Median hit, ns, one caller thread (log scale)", "ns (log)",
            List.of("read on the member owning the keys", "read on another member"), BENCHMARKS, values, 2_000_000);
    }
}
