package io.chatkit.web;

import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The browser client (plain HTML and JavaScript in {@code web/}), as a local runtime serves it beside its
 * WebSocket: it reads {@code /config.json} for the WebSocket URL and signs in with {@code /dev/token} locally, or
 * with Cognito where the Frontend stack hosts it.
 */
public final class WebClient {
    private WebClient() {
    }

    /** Serves the client's files from the class path, {@code index.html} for {@code /}. */
    public static ResourceHandler files(Server server) {
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newClassLoaderResource("web/"));
        files.setDirAllowed(false);
        files.setWelcomeFiles(List.of("index.html"));
        return files;
    }
}
