package dev.platformimages.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginConfigurationException;
import org.apache.maven.plugin.PluginContainerException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * check-update as Maven would configure it for one module of the reactor, made from inside another goal: the module's
 * plugin configuration (and that of its {@code default-check-update} execution) over the goal's defaults, evaluated by
 * Maven's own configurator with the module as the current project. The plan goal decides every image with it in one
 * execution, so that each image is decided with exactly the parameters its own check-update would have.
 */
final class ImageCheckConfigurator {

    private static final String EXECUTION_ID = "default-check-update";

    private final MavenPluginManager pluginManager;
    private final MavenSession session;
    private final MojoDescriptor checkUpdate;

    ImageCheckConfigurator(MavenPluginManager pluginManager, MavenSession session, MojoExecution running) {
        this.pluginManager = pluginManager;
        this.session = session;
        this.checkUpdate = running.getMojoDescriptor().getPluginDescriptor().getMojo("check-update");
    }

    /** A configured check-update and the execution it was configured for. */
    record Configured(CheckUpdateMojo mojo, MojoExecution execution) {
    }

    /** check-update configured for {@code project}; give it back with {@link #release}. */
    Configured configure(MavenProject project) throws PluginConfigurationException, PluginContainerException {
        MojoExecution execution = new MojoExecution(checkUpdate, EXECUTION_ID, MojoExecution.Source.LIFECYCLE);
        execution.setConfiguration(finalConfiguration(checkUpdate, configuration(project)));
        MavenSession forProject = session.clone();
        forProject.setCurrentProject(project);
        return new Configured((CheckUpdateMojo) pluginManager.getConfiguredMojo(Mojo.class, forProject, execution), execution);
    }

    void release(Configured configured) {
        pluginManager.releaseMojo(configured.mojo(), configured.execution());
    }

    /** The module's configuration of this plugin, its default-check-update execution's over the plugin's. */
    private static Xpp3Dom configuration(MavenProject project) {
        Plugin plugin = project.getPlugin(ReactorImage.PLUGIN_KEY);
        if (plugin == null) {
            return new Xpp3Dom("configuration");
        }
        Xpp3Dom pluginConfiguration = (Xpp3Dom) plugin.getConfiguration();
        PluginExecution execution = plugin.getExecutionsAsMap().get(EXECUTION_ID);
        Xpp3Dom executionConfiguration = execution == null ? null : (Xpp3Dom) execution.getConfiguration();
        Xpp3Dom merged = Xpp3Dom.mergeXpp3Dom(executionConfiguration == null ? null : new Xpp3Dom(executionConfiguration),
                pluginConfiguration == null ? null : new Xpp3Dom(pluginConfiguration));
        return merged == null ? new Xpp3Dom("configuration") : merged;
    }

    /**
     * Each parameter of the goal: the module's element (by name or alias) over the goal's default (its expression and
     * default value), as Maven finalizes a mojo execution's configuration before it configures the mojo.
     */
    static Xpp3Dom finalConfiguration(MojoDescriptor descriptor, Xpp3Dom configured) {
        Xpp3Dom result = new Xpp3Dom("configuration");
        if (descriptor.getParameters() == null) {
            return result;
        }
        for (Parameter parameter : descriptor.getParameters()) {
            Xpp3Dom value = configured.getChild(parameter.getName());
            if (value == null && parameter.getAlias() != null) {
                value = configured.getChild(parameter.getAlias());
            }
            Xpp3Dom defaults = null;
            if (parameter.getExpression() != null || parameter.getDefaultValue() != null) {
                defaults = new Xpp3Dom(parameter.getName());
                if (parameter.getExpression() != null) {
                    defaults.setValue(parameter.getExpression());
                }
                if (parameter.getDefaultValue() != null) {
                    defaults.setAttribute("default-value", parameter.getDefaultValue());
                }
            }
            Xpp3Dom merged = Xpp3Dom.mergeXpp3Dom(value == null ? null : new Xpp3Dom(value), defaults, Boolean.TRUE);
            if (merged != null) {
                Xpp3Dom named = new Xpp3Dom(merged, parameter.getName());
                if ((named.getAttribute("implementation") == null || named.getAttribute("implementation").isEmpty())
                        && parameter.getImplementation() != null && !parameter.getImplementation().isEmpty()) {
                    named.setAttribute("implementation", parameter.getImplementation());
                }
                result.addChild(named);
            }
        }
        return result;
    }
}
