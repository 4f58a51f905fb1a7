package org.dogpile.it.chaos;

/**
 * The line protocol between the test and a node process. The test writes one command per line to
 * the node's standard input; the node answers with lines starting with {@link #PREFIX} on its
 * standard output (anything else there is ignored). A node exits when its standard input closes.
 *
 * <table>
 * <caption>Commands</caption>
 * <tr><th>command</th><th>answer</th></tr>
 * <tr><td>{@code STATUS}</td><td>{@code STATUS <members> <clusterSafe> <pid>}</td></tr>
 * <tr><td>{@code CALL <key>}</td><td>{@code CALLED <key> <value> <micros>} or {@code FAILED <key> <error>}</td></tr>
 * <tr><td>{@code ARM <key>}</td><td>{@code ARMED <key>}: the next regeneration of the key blocks
 *     until the process is killed, after printing {@code REGENERATING <key> <storedKey> <id> <pid> <wallMicros>}</td></tr>
 * <tr><td>{@code LOAD <key> <threads>}</td><td>{@code LOADING <key>}; callers loop on the key</td></tr>
 * <tr><td>{@code STOP}</td><td>{@code ERROR <text>} lines, {@code VALUE <value> <count>} lines,
 *     then {@code RESULT <key> <calls> <errors> <maxMicros>}</td></tr>
 * <tr><td>{@code SOAK <seconds> <threads> <keys>}</td><td>{@code ERROR} lines, then
 *     {@code SOAKED <calls> <errors> <maxMicros> <violations> <invalidations>}</td></tr>
 * </table>
 * Every regeneration of every cache is reported as it happens with a {@link RegenerationEvent} line.
 */
public final class NodeProtocol {
    /** Marks the lines of the protocol on a node's standard output. */
    public static final String PREFIX = "@@ ";

    /** The system property naming the cluster. */
    public static final String CLUSTER_PROPERTY = "chaos.cluster";
    /** The system property giving this member's port. */
    public static final String PORT_PROPERTY = "chaos.port";
    /** The system property listing the ports of all members, comma-separated. */
    public static final String MEMBERS_PROPERTY = "chaos.members";

    private NodeProtocol() {
    }
}
