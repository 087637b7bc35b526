package org.ctl.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * One Jackson serializer for everything Axon stores: events, snapshots, tokens and messages. It reads and
 * writes fields, never getters, so that a stored event or snapshot is exactly the state of the record or
 * aggregate (a convenience method such as {@code Money.isPositive()} never becomes a stored property), and
 * it does not fail on unknown properties, so that an older reader survives a newer field.
 */
@Configuration(proxyBeanMethods = false)
public class SerializerConfiguration {

    /** The object mapper Axon's storage uses; the HTTP layer keeps Spring's own. */
    public static ObjectMapper storageObjectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerModule(new JavaTimeModule());
        return mapper;
    }

    private static Serializer storageSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return storageSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return storageSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return storageSerializer();
    }
}
