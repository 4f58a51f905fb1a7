package org.dogpile.it.chaos;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One regeneration event as a node prints it and the test merges it: the loader of a {@code @Dogpile}
 * method started ({@link Type#START}) or ended ({@link Type#END}) for one key.
 *
 * <p>Times: {@code wallMicros} is this machine's wall clock in microseconds, shared by every process
 * of the test, so events of different processes can be ordered; {@code clusterMillis} is Hazelcast's
 * cluster time, the clock the regeneration locks run on, so a start can be compared with the lease
 * of an earlier regeneration exactly as the lock compares them.
 *
 * @param type start or end
 * @param cache the cache name
 * @param key the key as the engine stores it
 * @param id unique per regeneration: the process id and a sequence number
 * @param pid the process that runs the loader
 * @param leaseExpiresAt for a start, when the lock lease held for the key runs out (cluster time);
 *     {@code -1} when no lock was found, and for an end
 * @param clusterMillis the cluster time when the event happened
 * @param wallMicros the wall-clock time when the event happened
 * @param lockLocal for a start, whether this process's member owned the partition of the key's lock
 */
public record RegenerationEvent(Type type, String cache, String key, String id, long pid, long leaseExpiresAt,
        long clusterMillis, long wallMicros, boolean lockLocal) {

    /** What happened. */
    public enum Type {
        /** The loader was entered. */
        START,
        /** The loader returned or threw. */
        END
    }

    /** The prefix of an event line. */
    public static final String LINE_PREFIX = NodeProtocol.PREFIX + "EV\t";

    /** Checks the components. */
    public RegenerationEvent {
        Objects.requireNonNull(type, "type cannot be null");
        for (String text : new String[] {cache, key, id}) {
            Objects.requireNonNull(text, "cache, key and id cannot be null");
            if (text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("cache, key and id cannot contain tabs or line breaks: " + text);
            }
        }
    }

    /** @return the wall clock now, in microseconds since the epoch */
    public static long wallMicrosNow() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** @return the line a node prints for this event */
    public String toLine() {
        return LINE_PREFIX + String.join("\t", type.name(), cache, key, id, Long.toString(pid),
            Long.toString(leaseExpiresAt), Long.toString(clusterMillis), Long.toString(wallMicros),
            Boolean.toString(lockLocal));
    }

    /**
     * Parses a line written by {@link #toLine()}.
     *
     * @param line the line
     * @return the event
     * @throws IllegalArgumentException when the line is not an event line
     */
    public static RegenerationEvent parse(String line) {
        if (!line.startsWith(LINE_PREFIX)) {
            throw new IllegalArgumentException("not an event line: " + line);
        }
        String[] f = line.substring(LINE_PREFIX.length()).split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("an event line has 9 fields, not " + f.length + ": " + line);
        }
        return new RegenerationEvent(Type.valueOf(f[0]), f[1], f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
            Long.parseLong(f[6]), Long.parseLong(f[7]), Boolean.parseBoolean(f[8]));
    }
}
