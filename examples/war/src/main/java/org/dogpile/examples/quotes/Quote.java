package org.dogpile.examples.quotes;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A price quote as the slow backend computes it. Values are kept in the cluster, so they are
 * {@link Serializable}.
 *
 * @param symbol the instrument
 * @param price the price
 * @param generation which call of the backend computed it: 1 for the first, 2 for the next, ...
 * @param startedAt when the backend call began, epoch milliseconds
 * @param finishedAt when the backend call ended, epoch milliseconds
 */
public record Quote(String symbol, BigDecimal price, long generation, long startedAt, long finishedAt)
        implements Serializable {
}
