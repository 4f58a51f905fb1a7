package org.dogpile.it.probes;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.dogpile.examples.quotes.Quote;

/**
 * {@code GET /api/tx/{account}}: the cached balance; {@code POST /api/tx/{account}?hold=&rollback=&via=}:
 * one transaction of {@link LedgerDesk}, answered once it has committed or rolled back.
 */
@RequestScoped
@Path("tx")
public class TxResource {

    @Inject
    LedgerService ledger;

    @Inject
    LedgerDesk desk;

    /**
     * @param account the account
     * @return its cached balance
     */
    @GET
    @Path("{account}")
    @Produces(MediaType.APPLICATION_JSON)
    public Quote balance(@PathParam("account") String account) {
        return ledger.balance(account);
    }

    /**
     * @param account the account
     * @param hold how long the transaction goes on after the invalidation, in milliseconds
     * @param rollback whether it rolls back
     * @param via {@code annotation} or {@code caches}
     */
    @POST
    @Path("{account}")
    public void update(@PathParam("account") String account, @QueryParam("hold") @DefaultValue("1500") long hold,
            @QueryParam("rollback") @DefaultValue("false") boolean rollback,
            @QueryParam("via") @DefaultValue("annotation") String via) {
        desk.update(account, hold, rollback, "caches".equals(via));
    }
}
