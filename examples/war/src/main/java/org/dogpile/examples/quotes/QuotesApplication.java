package org.dogpile.examples.quotes;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST application: {@code /api/quotes/{symbol}} and {@code /api/stats}. */
@ApplicationPath("api")
public class QuotesApplication extends Application {
}
