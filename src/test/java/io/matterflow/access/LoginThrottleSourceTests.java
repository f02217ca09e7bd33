package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whose budget of failed password checks a client address spends. */
class LoginThrottleSourceTests {

    @Test
    void shouldCountAnIpv4AddressByItself() {
        assertThat(LoginThrottle.source("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginThrottle.source("::ffff:203.0.113.7")).as("IPv4-mapped").isEqualTo("203.0.113.7");
    }

    @Test
    void shouldCountAnIpv6AddressByItsSlash64WhateverItsNotation() {
        String network = "2001:db8:a:b::/64";
        assertThat(LoginThrottle.source("2001:db8:a:b::1")).isEqualTo(network);
        assertThat(LoginThrottle.source("2001:0db8:000a:000b:ffff:ffff:ffff:ffff")).isEqualTo(network);
        assertThat(LoginThrottle.source("[2001:db8:a:b:1:2:3:4]")).isEqualTo(network);
        assertThat(LoginThrottle.source("2001:DB8:A:B::5%eth0")).isEqualTo(network);
        assertThat(LoginThrottle.source("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(LoginThrottle.source("2001:db8:a:c::1")).isNotEqualTo(network);
    }

    @Test
    void shouldTakeAnythingElseAsGivenWithoutLookingItUpAndCutIt() {
        assertThat(LoginThrottle.source("proxy.example.invalid")).isEqualTo("proxy.example.invalid");
        assertThat(LoginThrottle.source("abc:xyz")).isEqualTo("abc:xyz");
        assertThat(LoginThrottle.source("1:2")).as("not an IPv6 address").isEqualTo("1:2");
        assertThat(LoginThrottle.source("x".repeat(1000))).hasSize(64);
        assertThat(LoginThrottle.source(null)).isEmpty();
    }
}
