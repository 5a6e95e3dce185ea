package io.chatkit.local;

import io.chatkit.adapter.inmemory.FolderBlobStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The stage's cap on a request's size (API Gateway's 128 KB message, twice) for everything but attachments' uploads
 * under {@link FolderBlobStore#PATH}, which go around it: their signature binds them to the size granted (up to
 * 25 MB by default), as S3 binds a presigned upload, and the store refuses any other.
 */
final class UncappedBlobs extends Handler.Wrapper {
    private final Handler uncapped;

    /** @param uncapped the handler {@code capped} wraps, reached directly for uploads */
    UncappedBlobs(Handler capped, Handler uncapped) {
        super(capped);
        this.uncapped = uncapped;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (Request.getPathInContext(request).startsWith(FolderBlobStore.PATH)) {
            return uncapped.handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }
}
