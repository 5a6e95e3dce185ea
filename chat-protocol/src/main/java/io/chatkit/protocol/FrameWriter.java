package io.chatkit.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Writes the server's frames, {@code {"type": …, "data": {…}, "requestId": …}}, from the records of
 * {@link FrameData}: a component is a field of the same name, in the record's order; an empty {@code Optional} is
 * left out, a {@code null} is written as JSON {@code null}; strings, booleans, whole numbers, collections and nested
 * records are what the values may be.
 */
final class FrameWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Each record class's components, looked up once. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    private FrameWriter() {
    }

    /** A frame of this type with its data, and the request id it answers, if any. */
    static String frame(String type, Record data, Optional<String> requestId) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("type", type);
            generator.writeFieldName("data");
            write(generator, data);
            if (requestId.isPresent()) {
                generator.writeStringField("requestId", requestId.get());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The bytes one item takes in a page's array: its JSON and the comma before the next. */
    static int itemBytes(Record item) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8).length + 1;
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Collection<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof java.util.Map<?, ?> map) {
            generator.writeStartObject(); // headers: names as given, sorted
            for (java.util.Map.Entry<?, ?> entry : new java.util.TreeMap<>(map).entrySet()) {
                generator.writeFieldName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Record data) {
            generator.writeStartObject();
            for (RecordComponent component : COMPONENTS.get(data.getClass())) {
                Object field = read(component, data);
                if (field instanceof Optional<?> optional) {
                    if (optional.isEmpty()) {
                        continue;
                    }
                    field = optional.get();
                }
                generator.writeFieldName(component.getName());
                write(generator, field);
            }
            generator.writeEndObject();
        } else {
            throw new IllegalArgumentException("not a frame value: " + value.getClass());
        }
    }

    private static Object read(RecordComponent component, Record data) {
        try {
            return component.getAccessor().invoke(data);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
