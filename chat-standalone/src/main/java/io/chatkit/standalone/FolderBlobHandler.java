package io.chatkit.standalone;

import io.chatkit.core.port.out.BlobStore.Key;
import io.chatkit.core.port.out.BlobStore.StoredBlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves {@link FolderBlobStore}'s signed requests under {@link FolderBlobStore#PATH}: a {@code PUT} of exactly the
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
        Optional<Key> key = keyOf(path.substring(FolderBlobStore.PATH.length()));
        Map<String, String> query = queryOf(request);
        switch (request.getMethod()) {
            case "PUT" -> upload(request, response, callback, key, query);
            case "GET", "HEAD" -> download(request, response, callback, key, query);
            default -> answer(response, callback, 405, "PUT or GET a signed URL");
        }
        return true;
    }

    private void upload(Request request, Response response, Callback callback, Optional<Key> key,
                        Map<String, String> query) throws IOException {
        if (key.isEmpty() || !store.accepts("PUT", key.get(), query)) {
            answer(response, callback, 403, "the signature does not match, or its time is over");
            return;
        }
        long size = Long.parseLong(query.get("size"));
        String type = query.get("type");
        if (request.getLength() != size) {
            answer(response, callback, 403, "the upload must be exactly " + size + " bytes, as signed");
            return;
        }
        if (!type.equals(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            answer(response, callback, 403, "the upload must be of type " + type + ", as signed");
            return;
        }
        try {
            store.put(key.get(), type, size, Content.Source.asInputStream(request));
        } catch (IOException e) {
            answer(response, callback, 400, e.getMessage());
            return;
        }
        answer(response, callback, 200, "");
    }

    private void download(Request request, Response response, Callback callback, Optional<Key> key,
                          Map<String, String> query) {
        if (key.isEmpty() || !store.accepts("GET", key.get(), query)) {
            answer(response, callback, 403, "the signature does not match, or its time is over");
            return;
        }
        Optional<StoredBlob> stored = store.find(key.get());
        if (stored.isEmpty()) {
            answer(response, callback, 404, "nothing is stored here");
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, stored.get().contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, stored.get().size());
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, query.get("disposition"));
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return;
        }
        Content.copy(Content.Source.from(store.fileOf(key.get())), response, callback);
    }

    private static Optional<Key> keyOf(String path) {
        try {
            return Optional.of(new Key(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Each parameter once: a second value of one makes the signature fail, as it is not what was signed. */
    private static Map<String, String> queryOf(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> query = new HashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues().size() == 1 ? field.getValue() : "");
        }
        return query;
    }

    private static void answer(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, java.nio.ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
