package io.chatkit.protocol;

import io.chatkit.core.port.in.Page;
import java.util.function.ToIntFunction;

/**
 * The protocol's rule for a page: it fits one frame. A page stops before the item that would take its items past
 * {@link ChatProtocol#PAGE_BYTES} (its first item always fits, so paging always moves on) and then carries the
 * cursor after its last item, exactly as a page cut by count does.
 */
final class PageBytes {
    private PageBytes() {
    }

    static <T> Page<T> fitting(Page<T> page, ToIntFunction<T> sizeOf) {
        long total = 0;
        int count = 0;
        for (T item : page.items()) {
            total += sizeOf.applyAsInt(item);
            if (count > 0 && total > ChatProtocol.PAGE_BYTES) {
                break;
            }
            count++;
        }
        return page.firstOnly(count);
    }
}
