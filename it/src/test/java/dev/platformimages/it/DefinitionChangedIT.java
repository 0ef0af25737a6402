package dev.platformimages.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow 4: the platform team changed the image's own Dockerfile. */
class DefinitionChangedIT {

    @Test
    void aDockerfileEditGivesAMinorRelease() {
        Scenario s = Scenario.start("definition-changed");
        s.publishFirstVersion();
        s.project.edit("Dockerfile", "ENV COMPANY_CA=installed\n");

        ImageProject.Run run = s.project.mvn("deploy");

        assertTrue(run.succeeded(), run::toString);
        assertEquals("DEFINITION_CHANGED", s.project.decision(), run::toString);
        assertTrue(s.project.explanation().startsWith("definition changed from sha256:"), s.project::explanation);
        assertTrue(run.log.contains("1.35-stable-1.0.0 -> 1.35-stable-1.1.0"), run::toString);
        assertEquals(List.of("1.35-stable", "1.35-stable-1.0.0", "1.35-stable-1.1.0", "latest"), s.tags());
        s.assertFloatingTagsOn("1.1.0");

        ImageProject.Run again = s.project.mvn("deploy");
        assertEquals("UP_TO_DATE", s.project.decision(), again::toString);
        assertTrue(s.project.explanation().startsWith("1.35-stable-1.1.0"), s.project::explanation);
    }

    @Test
    void aFileOutsideTheDockerContextDoesNotCount() {
        Scenario s = Scenario.start("definition-unchanged");
        s.publishFirstVersion();
        s.project.edit("test-app/Dockerfile", "# excluded by .dockerignore\n");
        s.project.edit("pom.xml", "<!-- the POM is never part of the context -->\n");

        ImageProject.Run run = s.project.mvn("deploy");
        assertEquals("UP_TO_DATE", s.project.decision(), run::toString);
    }
}
