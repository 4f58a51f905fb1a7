package org.dogpile.codec.values.detail;

import java.io.Serializable;

/**
 * A value in another package, reachable only as a record component.
 *
 * @param text text
 */
public record Note(String text) implements Serializable {
}
