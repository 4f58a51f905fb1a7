package org.dogpile.codec.values;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/**
 * A cached value made of JDK value types.
 *
 * @param sku the article
 * @param amount the price
 * @param currency the currency
 * @param validFrom first day
 * @param quotedAt when it was quoted
 * @param kind its kind
 */
public record Price(String sku, BigDecimal amount, Currency currency, LocalDate validFrom, Instant quotedAt, Kind kind)
    implements Serializable {

    /** The kinds of prices. */
    public enum Kind { LIST, NET }
}
