package org.dogpile.store.hazelcast;

import com.hazelcast.config.Config;
import java.util.Optional;

/**
 * Prints the cluster name of the configuration {@link EmbeddedMember} picks, then the one
 * Hazelcast's own {@code Config.load()} picks, in this JVM's working directory. Used by
 * {@link EmbeddedMemberTest} as a child process's main class.
 */
public final class EmbeddedMemberConfigMain {
    private EmbeddedMemberConfigMain() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        EmbeddedMember.Settings settings = EmbeddedMember.Settings.from(name -> Optional.ofNullable(System.getProperty(name)));
        System.out.println(EmbeddedMember.config(settings, EmbeddedMemberConfigMain.class.getClassLoader()).getClusterName());
        System.out.println(Config.load().getClusterName());
        System.err.println("hazelcast.xml on the class path: "
            + EmbeddedMemberConfigMain.class.getClassLoader().getResource("hazelcast.xml")
            + "; java.class.path=" + System.getProperty("java.class.path"));
    }
}
