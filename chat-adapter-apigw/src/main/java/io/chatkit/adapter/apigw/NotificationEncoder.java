package io.chatkit.adapter.apigw;

import io.chatkit.core.domain.Notification;

/** Turns a notification into the bytes of one WebSocket frame; the runtime owns the wire protocol. */
@FunctionalInterface
public interface NotificationEncoder {
    byte[] encode(Notification notification);
}
