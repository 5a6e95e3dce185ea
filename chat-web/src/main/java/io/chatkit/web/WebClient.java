package io.chatkit.web;

import io.chatkit.core.service.AttachmentRules;
import java.util.List;
import java.util.Map;
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

    /**
     * What {@code config.json} tells the client it may attach, so that it refuses a file the chat would refuse before
     * asking: {@code maxFileBytes} and {@code contentTypes}. Without them (the hosted client's config) it leaves every
     * check to the chat's answer to {@code requestUpload}.
     */
    public static Map<String, Object> attachmentSettings(AttachmentRules rules) {
        return Map.of("maxFileBytes", rules.maxFileBytes(),
                "contentTypes", rules.contentTypes().stream().sorted().toList());
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
