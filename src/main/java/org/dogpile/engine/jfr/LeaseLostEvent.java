package org.dogpile.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A running regeneration lost its lock lease; its result is not stored. */
@Name(LeaseLostEvent.NAME)
@Label("Dogpile Lease Lost")
@Category("Dogpile")
@Description("A running regeneration lost its lock lease; its result is not stored")
@StackTrace(false)
final class LeaseLostEvent extends jdk.jfr.Event {

    static final String NAME = "org.dogpile.LeaseLost";

    @Label("Cache")
    String cache;
}
