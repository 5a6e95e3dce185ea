package io.chatkit.protocol;

import io.chatkit.core.port.in.Outcome;

/**
 * One action of the wire: its name (the {@code action} field, and a route key of the WebSocket API), and how a
 * request for it becomes one use-case call and the reply's data. A new action is one class and one line of
 * {@link Actions#ALL}.
 */
interface Action {
    String name();

    /** The reply for the caller, or the use case's rejection as it came. */
    Outcome<ReplyData> run(Call call);

    /** A reply's frame type and data; {@link #NONE} when the action answers nothing (the caller gets no frame). */
    record ReplyData(String type, Record data) {
        static final ReplyData NONE = new ReplyData("", null);

        static ReplyData of(FrameData.ChangeFrame frame) {
            return new ReplyData(frame.type(), frame.data());
        }
    }
}
