package io.matterflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on this JVM's fresh PostgreSQL database, with the fixtures' {@link Workflows} as a bean.
 * Every class so annotated shares one cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@EnabledIfPostgres
@SpringBootTest
@ActiveProfiles("test")
@Import(Workflows.class)
@ContextConfiguration(initializers = PostgresTest.Initializer.class)
public @interface PostgresTest {

    class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.datasource.url=" + PostgresDatabase.url(),
                    "spring.datasource.username=" + PostgresDatabase.user(),
                    "spring.datasource.password=" + PostgresDatabase.password()).applyTo(context);
        }
    }
}
