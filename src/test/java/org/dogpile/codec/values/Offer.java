package org.dogpile.codec.values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A cached value that is not {@code Serializable}.
 *
 * @param sku the article
 * @param amount the price
 * @param until last day
 * @param tags tags
 */
public record Offer(String sku, BigDecimal amount, LocalDate until, List<String> tags) {
}
