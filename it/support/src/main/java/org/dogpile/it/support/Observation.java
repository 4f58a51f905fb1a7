package org.dogpile.it.support;

/**
 * What one caller saw: when it asked, when it got the answer, and which value (which
 * {@link Invocation}) the answer came from; or the error it got instead.
 *
 * @param wave the wave of the load it belongs to; 0 is the first, on an empty cache
 * @param sentAt when the call began, epoch milliseconds
 * @param receivedAt when the answer arrived, epoch milliseconds
 * @param id the {@link Invocation#id()} of the value returned; {@code null} on error
 * @param error what went wrong; {@code null} on success
 */
public record Observation(int wave, long sentAt, long receivedAt, String id, String error) {

    /** @return how long the call took, in milliseconds */
    public long latencyMillis() {
        return receivedAt - sentAt;
    }

    /**
     * Parses the form written by {@link #toLine()}.
     *
     * @param line {@code wave sentAt receivedAt id error}, tab-separated; empty for {@code null}
     * @return the observation
     */
    public static Observation parse(String line) {
        String[] parts = line.split("\t", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not an observation line: " + line);
        }
        return new Observation(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
            parts[3].isEmpty() ? null : parts[3], parts[4].isEmpty() ? null : parts[4]);
    }

    /** @return a tab-separated line: {@code wave sentAt receivedAt id error} */
    public String toLine() {
        return wave + "\t" + sentAt + "\t" + receivedAt + "\t" + (id == null ? "" : id) + "\t"
            + (error == null ? "" : error.replaceAll("[\t\r\n]", " "));
    }
}
