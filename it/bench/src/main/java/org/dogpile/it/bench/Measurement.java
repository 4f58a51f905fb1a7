package org.dogpile.it.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured for one system.
 *
 * @param scenario the scenario's name
 * @param system the system's name
 * @param callers how many callers took part
 * @param repetitions how often the scenario ran (stampedes), or 1
 * @param errors calls that failed
 * @param invocations how often the expensive method ran
 * @param latency caller latency in nanoseconds
 * @param runNanos how long the measured part ran (steady load), or 0
 * @param callStarts when each call started, in nanoseconds from the run's start (steady load only)
 * @param callLatencies each call's latency in nanoseconds, in the order of {@code callStarts}
 * @param invocationStarts when each invocation of the expensive method started, in nanoseconds
 *     from the run's start (steady load only)
 */
public record Measurement(String scenario, String system, int callers, int repetitions, long errors, long invocations,
        Histogram latency, long runNanos, long[] callStarts, long[] callLatencies, List<Long> invocationStarts) {

    /** @return how many calls were measured */
    public long calls() {
        return latency.getTotalCount();
    }

    /**
     * @param percentile 0 to 100
     * @return that percentile of the caller latency, in milliseconds
     */
    public double latencyMillis(double percentile) {
        return latency.getValueAtPercentile(percentile) / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    /** @return how many calls took 50 ms or more: callers that waited for the method (or ran it) */
    public long slowCalls() {
        long threshold = TimeUnit.MILLISECONDS.toNanos(50);
        return latency.getMaxValue() < threshold ? 0 : latency.getCountBetweenValues(threshold, latency.getMaxValue());
    }

    /** @return the longest caller latency, in milliseconds */
    public double maxMillis() {
        return latency.getMaxValue() / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    /** @return the mean caller latency, in milliseconds */
    public double meanMillis() {
        return latency.getMean() / TimeUnit.MILLISECONDS.toNanos(1);
    }

    /**
     * @return invocations per stampede; under steady load, invocations per expiry (the mean size of
     *     the {@linkplain #invocationBursts bursts}), or per expiry period for the system without a cache
     */
    public double invocationsPerExpiry() {
        return invocations / expiries();
    }

    /**
     * @return how many expiries the measurement covers: the stampedes, the bursts under steady load, or
     *     the expiry periods of the run for the system without a cache
     */
    public double expiries() {
        if (runNanos == 0) {
            return repetitions;
        }
        if (system.equals(BenchSystem.NO_CACHE)) {
            return runNanos / (double) TimeUnit.SECONDS.toNanos(Members.EXPIRE_SECONDS);
        }
        return Math.max(1, invocationBursts().size());
    }

    /**
     * The expiries seen under steady load: invocations grouped into bursts, a burst ending when no
     * invocation started for half an expiry period.
     *
     * @return the number of invocations in each burst, in order
     */
    public List<Integer> invocationBursts() {
        long gap = TimeUnit.MILLISECONDS.toNanos(Members.EXPIRE_SECONDS * 1000L / 2);
        java.util.ArrayList<Integer> bursts = new java.util.ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long at : invocationStarts) {
            if (bursts.isEmpty() || at - previous > gap) {
                bursts.add(1);
            } else {
                bursts.set(bursts.size() - 1, bursts.get(bursts.size() - 1) + 1);
            }
            previous = at;
        }
        return bursts;
    }

    /** @return the start of the first invocation of each burst, in nanoseconds from the run's start */
    public List<Long> burstStarts() {
        long gap = TimeUnit.MILLISECONDS.toNanos(Members.EXPIRE_SECONDS * 1000L / 2);
        java.util.ArrayList<Long> starts = new java.util.ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long at : invocationStarts) {
            if (starts.isEmpty() || at - previous > gap) {
                starts.add(at);
            }
            previous = at;
        }
        return starts;
    }
}
