package org.ctl.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The serializer infra stores events and snapshots with: the object mapper of
 * {@code org.ctl.infra.axon.SerializerConfiguration.storageObjectMapper()}, repeated here because command does not
 * depend on infra (keep the two alike).
 */
public final class StorageSerializer {

    private static final Serializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(storageObjectMapper()).defaultTyping().build();

    private StorageSerializer() {
    }

    private static ObjectMapper storageObjectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerModule(new JavaTimeModule());
        return mapper;
    }

    /** {@code value} as a stored snapshot of it holds it. */
    public static String json(Object value) {
        return new String(SERIALIZER.serialize(value, byte[].class).getData(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code value} written to JSON and read back: what a stored snapshot of it gives on loading. */
    public static <T> T roundTrip(T value) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(value, byte[].class);
        return SERIALIZER.deserialize(serialized);
    }
}
