package io.chatkit.standalone;

import io.chatkit.adapter.inmemory.FolderBlobStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves a {@link FolderBlobStore}'s signed requests under {@link FolderBlobStore#PATH}: a {@code PUT} of exactly the
 * signed size and type, a {@code GET} with the signed disposition; anything else, or too late, is refused with 403
 * and stores nothing. Downloads say {@code X-Content-Type-Options: nosniff}, so a browser never runs a file as
 * something else than its type.
 */
public final class FolderBlobHandler extends Handler.Abstract {
    private final FolderBlobStore store;

    public FolderBlobHandler(FolderBlobStore store) {
        this.store = store;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(FolderBlobStore.PATH)) {
            return false;
        }
        Map<String, String> query = queryOf(request);
        switch (request.getMethod()) {
            case "PUT" -> answer(response, callback, store.receive(path, query,
                    request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getLength(),
                    Content.Source.asInputStream(request)));
            case "GET", "HEAD" -> download(request, response, callback, path, query);
            default -> answer(response, callback, new FolderBlobStore.Answer(405, "PUT or GET a signed URL"));
        }
        return true;
    }

    private void download(Request request, Response response, Callback callback, String path,
                          Map<String, String> query) {
        FolderBlobStore.Served served;
        try {
            served = store.serve(path, query);
        } catch (FolderBlobStore.Refused refused) {
            answer(response, callback, refused.answer());
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, served.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, served.size());
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, served.disposition());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return;
        }
        Content.copy(Content.Source.from(served.file()), response, callback);
    }

    /** Each parameter once: a second value of one makes the signature fail, as it is not what was signed. */
    private static Map<String, String> queryOf(Request request) {
        Map<String, String> query = new HashMap<>();
        for (Fields.Field field : Request.extractQueryParameters(request)) {
            query.put(field.getName(), field.getValues().size() == 1 ? field.getValue() : "");
        }
        return query;
    }

    private static void answer(Response response, Callback callback, FolderBlobStore.Answer answer) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(answer.message().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
