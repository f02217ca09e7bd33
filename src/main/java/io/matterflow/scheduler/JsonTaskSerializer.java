package io.matterflow.scheduler;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

import io.matterflow.common.Json;

/**
 * Task data as JSON ({@link Json#MAPPER}), readable in the table and free of Java serialization's coupling to class
 * layouts: a record that gains a field still reads the executions scheduled before.
 */
public final class JsonTaskSerializer implements Serializer {

    @Override
    public byte[] serialize(Object data) {
        return data == null ? null : Json.MAPPER.writeValueAsBytes(data);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] serialized) {
        return serialized == null ? null : Json.MAPPER.readValue(serialized, type);
    }
}
