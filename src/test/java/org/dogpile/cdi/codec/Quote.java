package org.dogpile.cdi.codec;

import java.io.Serializable;
import java.time.Instant;

/**
 * A cached value for the Java codec.
 *
 * @param id id
 * @param at when
 */
public record Quote(String id, Instant at) implements Serializable {
}
