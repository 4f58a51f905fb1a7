package org.dogpile.it.support;

/**
 * One run of the cached method (the "backend"), as the application recorded it.
 *
 * @param id identifies the value it produced, unique across the cluster (for example {@code 3} or
 *     {@code node-1/2})
 * @param startedAt when it began, epoch milliseconds
 * @param finishedAt when it ended, epoch milliseconds
 */
public record Invocation(String id, long startedAt, long finishedAt) {

    /**
     * Parses the form written by {@link #toLine()}.
     *
     * @param line {@code id startedAt finishedAt}, tab-separated
     * @return the invocation
     */
    public static Invocation parse(String line) {
        String[] parts = line.split("\t");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an invocation line: " + line);
        }
        return new Invocation(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    /** @return a tab-separated line: {@code id startedAt finishedAt} */
    public String toLine() {
        return id + "\t" + startedAt + "\t" + finishedAt;
    }
}
