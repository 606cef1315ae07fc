package io.illc.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions a run records in its provenance. */
public final class Versions {
    private Versions() {
    }

    /** This build's version ("dev" when run from class folders). */
    public static String illc() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The ND4J version on the class path, read from its Maven metadata. */
    public static String nd4j() {
        try (InputStream in = org.nd4j.linalg.factory.Nd4j.class
                .getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
