package org.dogpile.cdi.codec;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A cached value that is not {@code Serializable}.
 *
 * @param sku article
 * @param amount price
 * @param until last day
 */
public record Offer(String sku, BigDecimal amount, LocalDate until) {
}
