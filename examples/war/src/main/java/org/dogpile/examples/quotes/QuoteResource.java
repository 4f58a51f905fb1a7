package org.dogpile.examples.quotes;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The services over HTTP, as JSON: {@code GET} reads through the dogpile, {@code DELETE} invalidates
 * one key in the whole cluster.
 */
@RequestScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {

    @Inject
    QuoteService quotes;

    @Inject
    QuoteDesk desk;

    @Inject
    RateDesk rates;

    @Inject
    ReferenceData reference;

    /**
     * @param symbol the instrument
     * @return its quote, from the CDI bean
     */
    @GET
    @Path("quotes/{symbol}")
    public Quote quote(@PathParam("symbol") String symbol) {
        return quotes.quote(symbol);
    }

    /** @param symbol the instrument whose cached quote to drop */
    @DELETE
    @Path("quotes/{symbol}")
    public void forgetQuote(@PathParam("symbol") String symbol) {
        quotes.forget(symbol);
    }

    /**
     * @param symbol the instrument
     * @return its quote, through a stateless session bean that calls the CDI bean
     */
    @GET
    @Path("desk/quotes/{symbol}")
    public Quote deskQuote(@PathParam("symbol") String symbol) {
        return desk.quote(symbol);
    }

    /**
     * @param pair the currency pair
     * @return its rate, from the stateless session bean
     */
    @GET
    @Path("rates/{pair}")
    public Quote rate(@PathParam("pair") String pair) {
        return rates.rate(pair);
    }

    /** @param pair the currency pair whose cached rate to drop */
    @DELETE
    @Path("rates/{pair}")
    public void forgetRate(@PathParam("pair") String pair) {
        rates.forget(pair);
    }

    /**
     * @param instrument the instrument
     * @return its reference price, from the singleton session bean
     */
    @GET
    @Path("reference/{instrument}")
    public Quote reference(@PathParam("instrument") String instrument) {
        return reference.reference(instrument);
    }

    /** @param instrument the instrument whose cached reference price to drop */
    @DELETE
    @Path("reference/{instrument}")
    public void forgetReference(@PathParam("instrument") String instrument) {
        reference.forget(instrument);
    }
}
