package org.dogpile.codec.values;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dogpile.codec.values.detail.Note;

/**
 * A cached value made of records, collections and java.time values; its {@code Note} lives in a
 * sub-package, reached only through a component type.
 *
 * @param id id
 * @param prices prices
 * @param byRegion prices by region
 * @param tags tags
 * @param at when
 * @param validity how long
 * @param note a note
 * @param counts some numbers
 */
public record Quote(UUID id, List<Price> prices, Map<String, Price> byRegion, Set<String> tags, ZonedDateTime at,
    Duration validity, Note note, int[] counts) implements Serializable {
}
