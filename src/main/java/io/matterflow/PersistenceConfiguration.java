package io.matterflow;

import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import org.hibernate.cfg.MappingSettings;
import org.hibernate.type.format.AbstractJsonFormatMapper;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.matterflow.common.Json;
import tools.jackson.core.JacksonException;

/** Infrastructure shared by every module: the clock, password hashing, JSON columns, the migration dialect. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    Clock clock() {
        // Microseconds: what both databases store, so a value reads back as it was written.
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
    }

    /** BCrypt; {@code matterflow.security.bcrypt-strength} (default 10) sets its cost. Tests use the lowest, 4. */
    @Bean
    PasswordEncoder passwordEncoder(@org.springframework.beans.factory.annotation.Value(
            "${matterflow.security.bcrypt-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    /** JSON columns are read and written with the strict mapper, so decimals keep their exact text. */
    @Bean
    HibernatePropertiesCustomizer jsonFormatMapper() {
        return properties -> properties.put(MappingSettings.JSON_FORMAT_MAPPER, new JsonColumns());
    }

    /**
     * {@link Json#MAPPER} for Hibernate's JSON columns. Hibernate 7.2 maps JSON with Jackson 2 only
     * ({@code JacksonJsonFormatMapper}); this is the same two methods over the application's Jackson 3 mapper.
     */
    static final class JsonColumns extends AbstractJsonFormatMapper {

        @Override
        public <T> T fromString(CharSequence json, Type type) {
            try {
                return Json.MAPPER.readValue(json.toString(), Json.MAPPER.constructType(type));
            } catch (JacksonException e) {
                throw new IllegalArgumentException("Could not deserialize string to java type: " + type, e);
            }
        }

        @Override
        public <T> String toString(T value, Type type) {
            try {
                return Json.MAPPER.writerFor(Json.MAPPER.constructType(type)).writeValueAsString(value);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("Could not serialize object of java type: " + type, e);
            }
        }
    }

    /** One migration set: {@code ${json_type}} is jsonb on PostgreSQL and json elsewhere. */
    @Bean
    FlywayConfigurationCustomizer jsonTypePlaceholder() {
        return configuration -> {
            DataSource dataSource = configuration.getDataSource();
            String product;
            try (Connection connection = dataSource.getConnection()) {
                product = connection.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database product", e);
            }
            var placeholders = new java.util.HashMap<>(configuration.getPlaceholders());
            placeholders.put("json_type", product.toLowerCase().contains("postgres") ? "jsonb" : "json");
            configuration.placeholders(placeholders);
        };
    }
}
