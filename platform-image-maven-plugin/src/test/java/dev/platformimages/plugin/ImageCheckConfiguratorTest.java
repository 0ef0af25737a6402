package dev.platformimages.plugin;

import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The plan configures check-update per image as Maven finalizes an execution: the image's element over the default. */
class ImageCheckConfiguratorTest {

    private static Parameter parameter(String name, String expression, String defaultValue, String alias) throws Exception {
        Parameter parameter = new Parameter();
        parameter.setName(name);
        parameter.setExpression(expression);
        parameter.setDefaultValue(defaultValue);
        parameter.setAlias(alias);
        parameter.setType("java.lang.String");
        return parameter;
    }

    @Test
    void theImagesElementsWinOverTheDefaultsWhichKeepTheirPropertyAndDefaultValue() throws Exception {
        MojoDescriptor descriptor = new MojoDescriptor();
        descriptor.addParameter(parameter("force", "${platform.force}", "false", null));
        descriptor.addParameter(parameter("tag", "${platform.tag}", null, null));
        descriptor.addParameter(parameter("buildArgs", null, null, null));
        descriptor.addParameter(parameter("selfTests", null, null, "tests"));
        descriptor.addParameter(parameter("unset", null, null, null));
        Xpp3Dom configured = Xpp3DomBuilder.build(new StringReader("<configuration><force>true</force>"
                + "<buildArgs><UPSTREAM>node:20</UPSTREAM></buildArgs><tests><selfTest><shell>true</shell></selfTest></tests>"
                + "<unknown>x</unknown></configuration>"));

        Xpp3Dom result = ImageCheckConfigurator.finalConfiguration(descriptor, configured);

        assertEquals("true", result.getChild("force").getValue());
        assertEquals("false", result.getChild("force").getAttribute("default-value"));
        assertEquals("${platform.tag}", result.getChild("tag").getValue(), "the property, for -D and the POM's properties");
        assertEquals("node:20", result.getChild("buildArgs").getChild("UPSTREAM").getValue());
        assertEquals("true", result.getChild("selfTests").getChild("selfTest").getChild("shell").getValue(), "by its alias");
        assertNull(result.getChild("unset"), "nothing configured, no default: left out");
        assertNull(result.getChild("unknown"), "not a parameter of check-update");
    }
}
