package dev.platformimages.step;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostPlatformTest {

    @Test
    void jvmArchitecturesInOciTerms() {
        assertEquals("amd64", HostPlatform.architecture("amd64"));
        assertEquals("amd64", HostPlatform.architecture("x86_64"));
        assertEquals("arm64", HostPlatform.architecture("aarch64"));
        assertEquals("riscv64", HostPlatform.architecture("riscv64"));
        assertTrue(HostPlatform.current().startsWith("linux/"));
    }
}
