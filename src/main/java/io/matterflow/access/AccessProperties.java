package io.matterflow.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.access.*}: the eligibility cache's size and how long an entry may live. Entries are evicted
 * on this node when members or assignees change; the time limit bounds staleness caused by another node.
 */
@ConfigurationProperties("matterflow.access")
public record AccessProperties(Integer cacheSize, Duration cacheTtl) {

    public AccessProperties {
        cacheSize = cacheSize == null ? 10_000 : cacheSize;
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(5) : cacheTtl;
    }
}
