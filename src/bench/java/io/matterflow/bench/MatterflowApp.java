package io.matterflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;

/**
 * Matterflow as it ships (its own application.properties: tracing, metrics, audit, events and notifications all on),
 * on the figure's database, without demo data, listening on a free port.
 */
final class MatterflowApp implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final BenchDatabase database;

    private MatterflowApp(ConfigurableApplicationContext context, BenchDatabase database) {
        this.context = context;
        this.database = database;
    }

    static MatterflowApp start(BenchDatabase database, Map<String, String> overrides,
                               BeanPostProcessor... postProcessors) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("matterflow.demo.seed", "NEVER");
        properties.put("matterflow.documents.storage-dir",
                Files.createTempDirectory("matterflow-bench-documents").toString());
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.putAll(overrides);
        // as command-line arguments: they win over application.properties (default properties would not)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        var context = new SpringApplicationBuilder(MatterflowApplication.class)
                .initializers(c -> {
                    for (BeanPostProcessor p : postProcessors) {
                        c.getBeanFactory().addBeanPostProcessor(p);
                    }
                })
                .run(args);
        return new MatterflowApp(context, database);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
