package org.dogpile.it.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.BuildInfoProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.core.SpringVersion;

/**
 * Runs every benchmark and writes {@code results.md}, {@code results.csv}, {@code results.json} and
 * the plots into the directory {@code bench.results}:
 * <ol>
 * <li>the hit path on one member, with JMH ({@link HitPathBenchmark});</li>
 * <li>a cold stampede: 3 members x 64 callers released at once on an absent key of a 200 ms method;</li>
 * <li>an expiry stampede: the same, released right after the key's value expired;</li>
 * <li>steady load: 3 members x 16 callers for {@code bench.steadySeconds} seconds with values fresh
 *     for 2 s.</li>
 * </ol>
 * Each system runs on the same three Hazelcast 5.7 members, all in this JVM, one after another:
 * {@code @Dogpile} on Weld SE, Spring {@code @Cacheable(sync = true)} on hazelcast-spring's
 * {@code HazelcastCacheManager} with the map's time-to-live as expiry, and the method without a cache.
 */
public final class BenchMain {
    private static final int MEMBERS = 3;
    private static final int STAMPEDE_CALLERS_PER_MEMBER = 64;
    private static final int STEADY_CALLERS_PER_MEMBER = 16;
    private static final Duration THINK = Duration.ofMillis(10);
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** The plotted window around an expiry, in milliseconds from its first invocation. */
    private static final double WINDOW_FROM = -300;
    private static final double WINDOW_TO = 900;

    private BenchMain() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args none; settings come from system properties {@code bench.results},
     *     {@code bench.steadySeconds}, {@code bench.repetitions}, {@code bench.jmh}
     * @throws Exception when a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        Path results = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(results);
        Duration steady = Duration.ofSeconds(Long.getLong("bench.steadySeconds", 20));
        int repetitions = Integer.getInteger("bench.repetitions", 5);
        long started = System.nanoTime();

        Map<String, double[]> hitPath = Boolean.parseBoolean(System.getProperty("bench.jmh", "true"))
            ? hitPath() : Map.of();

        List<Measurement> measurements = new ArrayList<>();
        List<HazelcastInstance> members = Members.start(MEMBERS);
        try (Scenarios scenarios = new Scenarios(MEMBERS, MEMBERS * STAMPEDE_CALLERS_PER_MEMBER)) {
            List<BenchSystem> systems = List.of(BenchSystem.dogpile(members), BenchSystem.spring(members),
                BenchSystem.none());
            try {
                for (BenchSystem system : systems) {
                    log("warming up " + system.name());
                    scenarios.steady(system, "warm-up", STEADY_CALLERS_PER_MEMBER, WARM_UP, THINK);
                    scenarios.stampede("warm-up-stampede", system, STAMPEDE_CALLERS_PER_MEMBER, 1, false);
                }
                for (BenchSystem system : systems) {
                    log("cold stampede: " + system.name());
                    measurements.add(scenarios.stampede("cold", system, STAMPEDE_CALLERS_PER_MEMBER, repetitions, false));
                }
                for (BenchSystem system : systems) {
                    log("expiry stampede: " + system.name());
                    measurements.add(scenarios.stampede("expiry", system, STAMPEDE_CALLERS_PER_MEMBER, repetitions, true));
                }
                for (BenchSystem system : systems) {
                    log("steady load: " + system.name());
                    measurements.add(scenarios.steady(system, "steady", STEADY_CALLERS_PER_MEMBER, steady, THINK));
                }
            } finally {
                systems.forEach(BenchSystem::close);
            }
        } finally {
            Members.stop(members);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Report report = new Report(results, hitPath, measurements, steady, repetitions, took);
        report.write();
        log("results in " + results.toAbsolutePath() + " after " + took.toSeconds() + " s");
    }

    /** @return per benchmark, in ns: mean, its error (99.9 %), p50, p90, p99, from JMH */
    private static Map<String, double[]> hitPath() throws Exception {
        Options options = new OptionsBuilder()
            .include(HitPathBenchmark.class.getName())
            .forks(2)
            .warmupIterations(5).warmupTime(TimeValue.seconds(1))
            .measurementIterations(8).measurementTime(TimeValue.seconds(1))
            .threads(1)
            .jvmArgs("-Xmx1g", "-Djava.net.preferIPv4Stack=true", "-Dhazelcast.logging.type=none",
                "-Dhazelcast.phone.home.enabled=false")
            .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1) + "/" + run.getParams().getParam("member");
            var statistics = run.getPrimaryResult().getStatistics();
            scores.put(method, new double[] {run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError(),
                statistics.getPercentile(50), statistics.getPercentile(90), statistics.getPercentile(99)});
        }
        return scores;
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }

    /** Writes the tables, the data files and the plots. */
    private static final class Report {
        private final Path dir;
        private final Map<String, double[]> hitPath;
        private final List<Measurement> measurements;
        private final Duration steady;
        private final int repetitions;
        private final Duration took;

        Report(Path dir, Map<String, double[]> hitPath, List<Measurement> measurements, Duration steady,
                int repetitions, Duration took) {
            this.dir = dir;
            this.hitPath = hitPath;
            this.measurements = measurements;
            this.steady = steady;
            this.repetitions = repetitions;
            this.took = took;
        }

        void write() throws IOException {
            List<Measurement> steadyRuns = of("steady");
            plotAroundExpiry(steadyRuns);
            plotOverTime(steadyRuns);
            plotInvocations();
            if (!hitPath.isEmpty()) {
                HitPathPlot.draw(hitPath, dir.resolve("hit-path-per-member.png"));
            }
            writeCsv();
            writeJson();
            Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
        }

        private List<Measurement> of(String scenario) {
            return measurements.stream().filter(m -> m.scenario().equals(scenario)).toList();
        }

        /** The points of one system around its expiries: offset from the expiry's first invocation, latency. */
        private static double[][] aroundExpiry(Measurement m) {
            List<Long> anchors = new ArrayList<>(m.burstStarts());
            if (anchors.isEmpty() || m.system().equals(BenchSystem.NO_CACHE)) {
                anchors.clear(); // nothing expires: look at the same kind of window every expiry period
                for (long at = TimeUnit.SECONDS.toNanos(1); at < m.runNanos(); at += TimeUnit.SECONDS.toNanos(Members.EXPIRE_SECONDS)) {
                    anchors.add(at);
                }
            }
            List<double[]> points = new ArrayList<>();
            for (long anchor : anchors) {
                for (int i = 0; i < m.callStarts().length; i++) {
                    double offset = (m.callStarts()[i] - anchor) / 1e6;
                    if (offset >= WINDOW_FROM && offset <= WINDOW_TO) {
                        points.add(new double[] {offset, m.callLatencies()[i] / 1e6});
                    }
                }
            }
            double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
            return new double[][] {xs, ys, {anchors.size()}};
        }

        private void plotAroundExpiry(List<Measurement> runs) throws IOException {
            List<Plots.Panel> panels = new ArrayList<>();
            for (int s = 0; s < runs.size(); s++) {
                Measurement m = runs.get(s);
                double[][] points = aroundExpiry(m);
                long slow = java.util.Arrays.stream(points[1]).filter(y -> y >= 50).count();
                String what = m.system().equals(BenchSystem.NO_CACHE) ? (int) points[2][0] + " windows of the run overlaid"
                    : (int) points[2][0] + " expiries overlaid, x = 0 at the first invocation after each";
                panels.add(new Plots.Panel(String.format(Locale.ROOT, "%s: %s; %d calls, %d of them took >= 50 ms",
                    m.system(), what, points[0].length, slow), points[0], points[1], Plots.SYSTEM_COLORS.get(s)));
            }
            Plots.scatterPanels(dir.resolve("latency-around-expiry.png"),
                "Caller latency around an expiry (steady load: " + MEMBERS + " members x " + STEADY_CALLERS_PER_MEMBER
                    + " callers, values fresh for " + Members.EXPIRE_SECONDS + " s, 200 ms method)",
                "call start, ms from the first invocation after an expiry (shaded: the 200 ms method runs)",
                "caller latency, ms (log)", WINDOW_FROM, WINDOW_TO, 0.01, 5000, 0, Backend.WORK_MILLIS, panels);
        }

        private void plotOverTime(List<Measurement> runs) throws IOException {
            List<Plots.Panel> panels = new ArrayList<>();
            for (int s = 0; s < runs.size(); s++) {
                Measurement m = runs.get(s);
                double[] xs = java.util.Arrays.stream(m.callStarts()).mapToDouble(v -> v / 1e9).toArray();
                double[] ys = java.util.Arrays.stream(m.callLatencies()).mapToDouble(v -> v / 1e6).toArray();
                panels.add(new Plots.Panel(String.format(Locale.ROOT, "%s: %d calls, %d invocations of the method",
                    m.system(), m.calls(), m.invocations()), xs, ys, Plots.SYSTEM_COLORS.get(s)));
            }
            Plots.scatterPanels(dir.resolve("latency-over-time.png"),
                "Caller latency over the whole steady-load run (" + steady.toSeconds() + " s)",
                "call start, s", "caller latency, ms (log)", 0, steady.toSeconds(), 0.01, 5000, Double.NaN, 0, panels);
        }

        private void plotInvocations() throws IOException {
            List<String> systems = of("steady").stream().map(Measurement::system).toList();
            List<String> categories = List.of("cold stampede (" + MEMBERS * STAMPEDE_CALLERS_PER_MEMBER + " callers)",
                "expiry stampede (" + MEMBERS * STAMPEDE_CALLERS_PER_MEMBER + " callers)",
                "steady load (no cache: per " + Members.EXPIRE_SECONDS + " s)");
            double[][] values = new double[systems.size()][categories.size()];
            String[] scenarios = {"cold", "expiry", "steady"};
            for (int s = 0; s < systems.size(); s++) {
                for (int c = 0; c < scenarios.length; c++) {
                    values[s][c] = find(scenarios[c], systems.get(s)).invocationsPerExpiry();
                }
            }
            Plots.groupedBars(dir.resolve("invocations-per-expiry.png"),
                "Invocations of the 200 ms method per expiry (mean; log scale)", "invocations (log)", categories,
                systems, values, 2000);
            double[][] waited = new double[systems.size()][categories.size()];
            for (int s = 0; s < systems.size(); s++) {
                for (int c = 0; c < scenarios.length; c++) {
                    Measurement m = find(scenarios[c], systems.get(s));
                    waited[s][c] = m.slowCalls() / m.expiries();
                }
            }
            Plots.groupedBars(dir.resolve("waiting-callers-per-expiry.png"),
                "Callers that waited 50 ms or more, per expiry (mean; log scale)", "callers (log)", categories,
                systems, waited, 2000);
        }

        private Measurement find(String scenario, String system) {
            return measurements.stream().filter(m -> m.scenario().equals(scenario) && m.system().equals(system))
                .findFirst().orElseThrow();
        }

        private void writeCsv() throws IOException {
            StringBuilder csv = new StringBuilder("scenario,system,callers,repetitions,calls,errors,invocations,"
                + "invocations_per_expiry,calls_50ms_or_more,p50_ms,p90_ms,p99_ms,p99_9_ms,max_ms,mean_ms\n");
            for (Measurement m : measurements) {
                csv.append(String.format(Locale.ROOT, "%s,\"%s\",%d,%d,%d,%d,%d,%.3f,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f%n",
                    m.scenario(), m.system(), m.callers(), m.repetitions(), m.calls(), m.errors(), m.invocations(),
                    m.invocationsPerExpiry(), m.slowCalls(), m.latencyMillis(50), m.latencyMillis(90), m.latencyMillis(99),
                    m.latencyMillis(99.9), m.maxMillis(), m.meanMillis()));
            }
            Files.writeString(dir.resolve("results.csv"), csv, StandardCharsets.UTF_8);
            StringBuilder hits = new StringBuilder("benchmark,mean_ns,error_ns,p50_ns,p90_ns,p99_ns\n");
            hitPath.forEach((name, score) -> hits.append(String.format(Locale.ROOT, "%s,%.1f,%.1f,%.1f,%.1f,%.1f%n",
                name, score[0], score[1], score[2], score[3], score[4])));
            Files.writeString(dir.resolve("hit-path.csv"), hits, StandardCharsets.UTF_8);
        }

        private void writeJson() throws IOException {
            StringBuilder json = new StringBuilder("{\n  \"environment\": {");
            json.append(environment().entrySet().stream()
                .map(e -> "\n    \"" + e.getKey() + "\": \"" + e.getValue().replace("\"", "'") + "\"")
                .collect(Collectors.joining(",")));
            json.append("\n  },\n  \"hitPathNanosPerOp\": {");
            json.append(hitPath.entrySet().stream()
                .map(e -> String.format(Locale.ROOT,
                    "\n    \"%s\": {\"mean\": %.1f, \"error\": %.1f, \"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f}",
                    e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4]))
                .collect(Collectors.joining(",")));
            json.append("\n  },\n  \"scenarios\": [");
            json.append(measurements.stream().map(m -> String.format(Locale.ROOT,
                "\n    {\"scenario\": \"%s\", \"system\": \"%s\", \"callers\": %d, \"repetitions\": %d, \"calls\": %d, "
                    + "\"errors\": %d, \"invocations\": %d, \"invocationsPerExpiry\": %.3f, \"callsOf50msOrMore\": %d, "
                    + "\"expiryBursts\": %s, "
                    + "\"latencyMillis\": {\"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"p99_9\": %.3f, \"max\": %.3f, "
                    + "\"mean\": %.3f}}",
                m.scenario(), m.system(), m.callers(), m.repetitions(), m.calls(), m.errors(), m.invocations(),
                m.invocationsPerExpiry(), m.slowCalls(), m.scenario().equals("steady") && !m.system().equals(BenchSystem.NO_CACHE)
                    ? m.invocationBursts().toString() : "null",
                m.latencyMillis(50), m.latencyMillis(90), m.latencyMillis(99), m.latencyMillis(99.9), m.maxMillis(),
                m.meanMillis())).collect(Collectors.joining(",")));
            json.append("\n  ]\n}\n");
            Files.writeString(dir.resolve("results.json"), json, StandardCharsets.UTF_8);
        }

        private Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("date", LocalDate.now().toString());
            env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
            env.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
            env.put("hazelcast", BuildInfoProvider.getBuildInfo().getVersion());
            env.put("spring", SpringVersion.getVersion());
            env.put("weld", System.getProperty("bench.weldVersion", "unknown"));
            env.put("members", MEMBERS + " Hazelcast members in one JVM, TCP-IP on 127.0.0.1");
            env.put("method", Backend.WORK_MILLIS + " ms");
            env.put("expiry", Members.EXPIRE_SECONDS + " s (@Dogpile expireAfter; Spring map timeToLiveSeconds)");
            env.put("took", took.toSeconds() + " s");
            return env;
        }

        private String markdown() {
            StringBuilder md = new StringBuilder("# Benchmark results\n\n");
            environment().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
            if (!hitPath.isEmpty()) {
                md.append("\n## Hit path (3 members; read on the keys' owner or another member; one caller thread;"
                    + " JMH sample time: 2 forks x 8 s)\n\n");
                md.append("| benchmark | mean µs | ± (99.9 %) | p50 µs | p90 µs | p99 µs |\n|---|---:|---:|---:|---:|---:|\n");
                hitPath.forEach((name, score) -> md.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, score[0] / 1e3, score[1] / 1e3, score[2] / 1e3,
                    score[3] / 1e3, score[4] / 1e3)));
                for (String member : List.of("owner", "nonOwner")) {
                    double[] dogpile = hitPath.get("dogpileHit/" + member);
                    double[] raw = hitPath.get("imapGetDogpileEntry/" + member);
                    double[] spring = hitPath.get("springHit/" + member);
                    if (dogpile != null && raw != null && spring != null) {
                        md.append(String.format(Locale.ROOT, "%n%s: raw IMap.get of the same entry / @Dogpile hit: %.0f (p50), "
                            + "%.0f (mean); Spring hit / @Dogpile hit: %.0f (p50), %.0f (mean)%n", member, raw[2] / dogpile[2],
                            raw[0] / dogpile[0], spring[2] / dogpile[2], spring[0] / dogpile[0]));
                    }
                }
            }
            for (String scenario : List.of("cold", "expiry", "steady")) {
                List<Measurement> rows = of(scenario);
                if (rows.isEmpty()) {
                    continue;
                }
                md.append('\n').append(switch (scenario) {
                    case "cold" -> "## Cold stampede: " + MEMBERS + " members x " + STAMPEDE_CALLERS_PER_MEMBER
                        + " callers released at once on an absent key, " + repetitions + " times\n";
                    case "expiry" -> "## Expiry stampede: the same, released right after the value expired, "
                        + repetitions + " times\n";
                    default -> "## Steady load: " + MEMBERS + " members x " + STEADY_CALLERS_PER_MEMBER + " callers, "
                        + THINK.toMillis() + " ms pause between calls, " + steady.toSeconds() + " s\n";
                });
                md.append("\n| system | calls | errors | invocations | per ")
                    .append(scenario.equals("steady") ? "expiry (no cache: per " + Members.EXPIRE_SECONDS + " s)" : "stampede")
                    .append(" | calls >= 50 ms | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                for (Measurement m : rows) {
                    md.append(String.format(Locale.ROOT,
                        "| %s | %d | %d | %d | %.1f | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                        m.system(), m.calls(), m.errors(), m.invocations(), m.invocationsPerExpiry(), m.slowCalls(),
                        m.latencyMillis(50), m.latencyMillis(90), m.latencyMillis(99), m.latencyMillis(99.9), m.maxMillis()));
                }
                if (scenario.equals("steady")) {
                    md.append("\nInvocations in each expiry burst (invocations less than "
                        + Members.EXPIRE_SECONDS * 1000 / 2 + " ms apart):\n\n");
                    for (Measurement m : rows) {
                        if (!m.system().equals(BenchSystem.NO_CACHE)) {
                            md.append("- ").append(m.system()).append(": ").append(m.invocationBursts()).append('\n');
                        }
                    }
                }
            }
            md.append("\n![caller latency around an expiry](latency-around-expiry.png)\n");
            md.append("\n![invocations per expiry](invocations-per-expiry.png)\n");
            md.append("\n![callers that waited per expiry](waiting-callers-per-expiry.png)\n");
            md.append("\n![caller latency over the steady-load run](latency-over-time.png)\n");
            return md.toString();
        }
    }
}
