package io.matterflow.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.demo.*}. {@code seed}: AUTO seeds on the embedded H2 database only, ALWAYS seeds on any
 * database, NEVER seeds. {@code password} is every demo user's password.
 */
@ConfigurationProperties("matterflow.demo")
public record DemoProperties(Seed seed, String password) {

    public enum Seed { AUTO, ALWAYS, NEVER }

    public DemoProperties {
        seed = seed == null ? Seed.AUTO : seed;
        password = password == null ? DemoData.PASSWORD : password;
    }
}
