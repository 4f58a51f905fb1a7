package org.dogpile.it.cluster;

import java.io.Serializable;

/**
 * A value computed by one node's backend.
 *
 * @param node the node that computed it
 * @param run which run of that node's backend: 1, 2, ...
 * @param startedAt when the run began, epoch milliseconds
 * @param finishedAt when it ended, epoch milliseconds
 */
public record NodeQuote(String node, long run, long startedAt, long finishedAt) implements Serializable {

    /** @return the id of the run that computed it, unique in the cluster: {@code node/run} */
    public String id() {
        return node + "/" + run;
    }
}
