package org.dogpile.examples.quotes;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/quotes/{symbol}}: the quote, as JSON. */
@RequestScoped
@Path("quotes")
public class QuoteResource {

    @Inject
    QuoteService quotes;

    /**
     * @param symbol the instrument
     * @return its quote
     */
    @GET
    @Path("{symbol}")
    @Produces(MediaType.APPLICATION_JSON)
    public Quote quote(@PathParam("symbol") String symbol) {
        return quotes.quote(symbol);
    }
}
