package org.dogpile.examples.quotes;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST application, under {@code /api}: see {@link QuoteResource}. */
@ApplicationPath("api")
public class QuotesApplication extends Application {
}
