package org.dogpile.engine.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A regeneration ran the cached method under the key's lock. */
@Name(RegenerationEvent.NAME)
@Label("Dogpile Regeneration")
@Category("Dogpile")
@Description("A regeneration ran the cached method under the key's lock")
@StackTrace(false)
final class RegenerationEvent extends jdk.jfr.Event {

    static final String NAME = "org.dogpile.Regeneration";

    @Label("Cache")
    String cache;

    @Label("Method Time")
    @Description("How long the cached method ran")
    @Timespan(Timespan.NANOSECONDS)
    long methodTime;

    @Label("Failed")
    boolean failed;

    @Label("Failure")
    @Description("The class of the method's exception, no message")
    String failure;

    @Label("Background")
    @Description("Whether it ran on the executor")
    boolean background;
}
